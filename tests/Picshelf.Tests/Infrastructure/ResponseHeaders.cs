using System.Globalization;

namespace Picshelf.Tests.Infrastructure;

/// <summary>The numeric headers of an answer, such as the credit headers every /3 answer carries.</summary>
public static class ResponseHeaders
{
    /// <summary>The header's single value as a number; a missing header fails the test, naming the request.</summary>
    public static long Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
            ? long.Parse(values.Single(), CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {(int)response.StatusCode} {response.RequestMessage!.RequestUri}");
}
