using System.Text.Json;

namespace Picshelf.Web;

/// <summary>
/// A ShareX custom uploader (<c>.sxcu</c>) for this instance and one application: anonymous uploads with
/// <c>Authorization: Client-ID</c> to <c>/3/image</c>, each deletable through its <c>/delete/{deletehash}</c> page.
/// Not a Bearer token: a custom uploader cannot refresh an OAuth token, so uploads would silently stop when it expired.
/// </summary>
public static class ShareXUploader
{
    public static string FileName(string baseUrl) => $"Picshelf-{new Uri(baseUrl).Host}.sxcu";

    public static byte[] For(string baseUrl, string clientId) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["Version"] = "15.0.0",
            ["Name"] = $"Picshelf ({new Uri(baseUrl).Host})",
            ["DestinationType"] = "ImageUploader",
            ["RequestMethod"] = "POST",
            ["RequestURL"] = $"{baseUrl}/3/image",
            ["Headers"] = new Dictionary<string, string> { ["Authorization"] = $"Client-ID {clientId}" },
            ["Body"] = "MultipartFormData",
            ["FileFormName"] = "image",
            ["URL"] = "{json:data.link}",
            ["DeletionURL"] = $"{baseUrl}/delete/{{json:data.deletehash}}",
            ["ErrorMessage"] = "{json:data.error}",
        }, Indented);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
