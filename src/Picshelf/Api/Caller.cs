using System.Net;
using System.Reflection;

namespace Picshelf.Api;

/// <summary>
/// Who is calling: an application, with an account when a Bearer token was presented, or nobody at all: an anonymous
/// caller, admitted only on public reads (<see cref="PublicRead"/>) and known by its address alone.
/// </summary>
/// <param name="EmailVerified">Whether the account has verified its e-mail address; false without an account.</param>
public sealed record Caller(ClientProfile? Client, int? AccountId, string? AccountUsername, IPAddress? Address, bool EmailVerified = false)
{
    public static Caller Anonymous(IPAddress? address) => new(null, null, null, address);

    public bool IsAnonymous => Client is null;

    /// <summary>The application's id; only routes that never admit an anonymous caller (writes) may ask.</summary>
    public string ClientId => Client?.Id ?? throw new InvalidOperationException("An anonymous caller has no application");

    public bool HasAccount => AccountId is not null;

    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<Caller?>(Of(context));

    public static Caller Of(HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("Caller resolution did not run for this route");
}
