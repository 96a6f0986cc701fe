using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Picshelf.Tests.Api;

/// <summary>Every feature's JSON context writes as the wire contract's does: snake_case, nulls written, compact.</summary>
public sealed class JsonContextTests
{
    [Fact]
    public void EveryJsonContext_HasTheOptionsOfImgurJson()
    {
        var contexts = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JsonSerializerContext)) && !t.IsAbstract)
            .Select(t => (t.Name, Context: (JsonSerializerContext)t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!))
            .ToList();

        Assert.True(contexts.Count >= 8, string.Join(", ", contexts.Select(c => c.Name)));
        Assert.All(contexts, c =>
        {
            Assert.Same(JsonNamingPolicy.SnakeCaseLower, c.Context.Options.PropertyNamingPolicy);
            Assert.Equal(JsonIgnoreCondition.Never, c.Context.Options.DefaultIgnoreCondition);
            Assert.False(c.Context.Options.WriteIndented);
        });
    }
}
