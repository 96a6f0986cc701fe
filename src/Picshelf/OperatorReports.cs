using System.Text.Json.Serialization;

namespace Picshelf;

/// <summary>One account as <c>users list</c> prints it.</summary>
/// <param name="DisabledAt">When the operator disabled it (Unix seconds); null while it may sign in.</param>
public sealed record OperatorUser(int Id, string Username, string Email, long Created, long? DisabledAt, int Images);

/// <summary>A page of <c>users list</c>, oldest accounts first; <c>more</c> says whether another page follows.</summary>
public sealed record OperatorUserPage(int Page, int PerPage, bool More, IReadOnlyList<OperatorUser> Users);

/// <summary>What <c>stats</c> prints: counts of what the install holds, and the bytes of its images (see <see cref="Images.ImageCounts.TotalAsync"/>).</summary>
public sealed record OperatorStats(int Accounts, int Images, long ImageBytes, int Albums, int GalleryPosts, int Comments, int RenditionJobs);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OperatorUserPage))]
[JsonSerializable(typeof(OperatorStats))]
internal sealed partial class OperatorJson : JsonSerializerContext;
