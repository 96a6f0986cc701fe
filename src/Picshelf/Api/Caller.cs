using System.Net;
using System.Reflection;

namespace Picshelf.Api;

/// <summary>Who is calling: always an application, and an account when a Bearer token was presented.</summary>
public sealed record Caller(ClientProfile Client, int? AccountId, string? AccountUsername, IPAddress? Address)
{
    public string ClientId => Client.Id;

    public bool HasAccount => AccountId is not null;

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<Caller?>(Of(context));

    public static Caller Of(HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("Caller resolution did not run for this route");
}
