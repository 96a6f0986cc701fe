using Picshelf.Api;
using Picshelf.Images;

namespace Picshelf.Albums;

/// <summary>The descriptive fields of an album request (title, description, privacy, layout, cover), each checked before anything is written.</summary>
public sealed record AlbumDetails(string? Title, string? Description, string? Privacy, string? Layout, string? Cover)
{
    /// <param name="defaultPrivacy">What privacy becomes when the request names none (null keeps the album's).</param>
    public static AlbumDetails Read(IReadOnlyDictionary<string, string> fields, string? defaultPrivacy)
    {
        var title = fields.GetValueOrDefault("title");
        var description = fields.GetValueOrDefault("description");
        if (title?.Length > ImageLimits.TitleLength)
        {
            throw ApiException.BadRequest($"The title is longer than {ImageLimits.TitleLength} characters");
        }
        if (description?.Length > ImageLimits.DescriptionLength)
        {
            throw ApiException.BadRequest($"The description is longer than {ImageLimits.DescriptionLength} characters");
        }
        var privacy = fields.GetValueOrDefault("privacy") ?? defaultPrivacy;
        if (privacy is not null && !AlbumPrivacies.IsValid(privacy))
        {
            throw ApiException.BadRequest("privacy must be public, hidden or secret");
        }
        var layout = fields.GetValueOrDefault("layout");
        if (layout is not null && !AlbumLayouts.IsValid(layout))
        {
            throw ApiException.BadRequest("layout must be blog, grid, horizontal or vertical");
        }
        var cover = fields.GetValueOrDefault("cover");
        return new AlbumDetails(
            string.IsNullOrEmpty(title) ? null : title, string.IsNullOrEmpty(description) ? null : description, privacy, layout,
            string.IsNullOrEmpty(cover) ? null : cover);
    }
}
