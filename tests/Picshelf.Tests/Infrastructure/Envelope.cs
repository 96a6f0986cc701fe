using System.Text.Json;

namespace Picshelf.Tests.Infrastructure;

/// <summary>Reads the Imgur envelope (<c>data</c>, <c>success</c>, <c>status</c>) of an answer and asserts what it says.</summary>
public static class Envelope
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> DataAsync(HttpResponseMessage response, int expectedStatus = 200)
    {
        var envelope = await ReadAsync(response);
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {envelope}");
        Assert.Equal(expectedStatus, envelope.GetProperty("status").GetInt32());
        Assert.Equal(expectedStatus < 400, envelope.GetProperty("success").GetBoolean());
        return envelope.GetProperty("data");
    }

    /// <summary>Asserts the error envelope with the given status and returns its message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("{\"data\":{\"error\":", body, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.False(root.GetProperty("success").GetBoolean());
        Assert.Equal(expectedStatus, root.GetProperty("status").GetInt32());
        var error = root.GetProperty("data").GetProperty("error");
        Assert.Equal(response.RequestMessage!.Method.Method, root.GetProperty("data").GetProperty("method").GetString());
        return error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetProperty("message").GetString()!;
    }
}
