namespace Picshelf.Tests.Infrastructure;

/// <summary>Form bodies (<c>application/x-www-form-urlencoded</c>), as imgurpython and browsers post them.</summary>
public static class Forms
{
    /// <summary>The fields in the order given; a name may repeat, as <c>deletehashes[]</c> does.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
