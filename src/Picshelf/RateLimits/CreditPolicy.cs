using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Picshelf.Api;

namespace Picshelf.RateLimits;

/// <summary>
/// Which budgets a request draws on and what it costs: its application's credits for the UTC day, its
/// user's credits with that application for the clock hour, and for a POST its address's POSTs for the
/// hour. With a Bearer token the user is the account, and the address's credits with the application for the hour are
/// drawn on too: accounts cost nothing to make, so one address signing up many of them must not get a budget per
/// account out of an application's day. A caller without credentials draws on one budget only: its address's credits for the clock hour, shared by
/// every public read it makes. Windows are fixed (a day starts at 00:00 UTC, an hour on the hour), so every process agrees on
/// them and a budget resets exactly when its reset header says.
/// </summary>
public sealed class CreditPolicy(IOptions<RateLimitOptions> options)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>The budgets of the request; <paramref name="charged"/> false only reads them.</summary>
    public CreditBucket[] BucketsFor(HttpContext context, Caller caller, DateTimeOffset now, bool charged = true)
    {
        var settings = options.Value;
        var cost = !charged ? 0 : (context.GetEndpoint()?.Metadata.GetMetadata<CreditCost>()?.Kind ?? CreditKind.Request) switch
        {
            CreditKind.Upload => settings.UploadCost,
            CreditKind.Free => 0,
            _ => settings.RequestCost,
        };
        var unixSeconds = now.ToUnixTimeSeconds();
        var day = unixSeconds / (long)Day.TotalSeconds;
        var hour = unixSeconds / (long)Hour.TotalSeconds;
        var dayEnds = DateTimeOffset.FromUnixTimeSeconds((day + 1) * (long)Day.TotalSeconds);
        var hourEnds = DateTimeOffset.FromUnixTimeSeconds((hour + 1) * (long)Hour.TotalSeconds);
        var address = AddressKey(caller.Address);
        // Built only when drawn on: every key is a string made for each request.
        CreditBucket Anonymous() => new($"a:{address}:{hour}", settings.AnonymousCreditsPerHour, cost, hourEnds, CreditBudget.User);
        CreditBucket Posts() => new($"p:{address}:{hour}", settings.PostsPerHour, charged ? 1 : 0, hourEnds, CreditBudget.Posts);
        if (caller.Client is not { } client)
        {
            return [Anonymous()];
        }
        var clientBucket = new CreditBucket($"c:{client.Id}:{day}", client.CreditsPerDay ?? settings.CreditsPerDay, cost, dayEnds, CreditBudget.Client);
        if (ChargesAsAnonymous(caller))
        {
            // The application's day is only read, for its headers and /3/credits.
            clientBucket = clientBucket with { Cost = 0 };
            return HttpMethods.IsPost(context.Request.Method) ? [clientBucket, Anonymous(), Posts()] : [clientBucket, Anonymous()];
        }
        var userLimit = client.UserCreditsPerHour ?? settings.UserCreditsPerHour;
        // A Bearer token names the user, and its address's credits with the application are drawn on beside its own; without
        // one the address stands for the user, as on Imgur.
        var addressBucket = new CreditBucket($"u:{client.Id}:{address}:{hour}", userLimit, cost, hourEnds,
            caller.AccountId is null ? CreditBudget.User : CreditBudget.Address);
        CreditBucket Account(int accountId) => new($"u:{client.Id}:account:{accountId}:{hour}", userLimit, cost, hourEnds, CreditBudget.User);
        var posts = HttpMethods.IsPost(context.Request.Method) && !IsCommercial(context, client);
        return (caller.AccountId, posts) switch
        {
            (null, false) => [clientBucket, addressBucket],
            (null, true) => [clientBucket, addressBucket, Posts()],
            ({ } accountId, false) => [clientBucket, Account(accountId), addressBucket],
            ({ } accountId, true) => [clientBucket, Account(accountId), addressBucket, Posts()],
        };
    }

    /// <summary>An account that has not verified its e-mail, when <c>RateLimits:RequireVerifiedEmail</c> asks for it, is no user yet.</summary>
    public bool ChargesAsAnonymous(Caller caller) => options.Value.RequireVerifiedEmail && caller.HasAccount && !caller.EmailVerified;

    /// <summary>The budgets of a request as if nothing had been charged yet, for when the limiter is off.</summary>
    public CreditState Unmetered(HttpContext context, Caller caller, DateTimeOffset now)
    {
        var buckets = BucketsFor(context, caller, now, charged: false);
        return new CreditState(buckets, new CreditReceipt(new long[buckets.Length], CreditReceipt.None), now);
    }

    private bool IsCommercial(HttpContext context, ClientProfile client)
    {
        if (client.Commercial)
        {
            return true;
        }
        var settings = options.Value;
        if (settings.CommercialKeys.Length == 0)
        {
            return false;
        }
        foreach (var header in settings.CommercialKeyHeaders)
        {
            var presented = context.Request.Headers[header].ToString();
            if (presented.Length > 0 && settings.CommercialKeys.Any(key => FixedTimeEquals(key, presented)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>
    /// An IPv6 user controls a whole /64, so that is what one address means here; an IPv4 address seen
    /// through a dual-stack socket counts as itself.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
