using System.Collections.Concurrent;

namespace Picshelf.Accounts;

/// <summary>
/// The avatars an account may choose: plain colours, drawn by libvips on first request and kept in memory,
/// served at <c>/avatars/{name}.png</c>. Names look like Imgur's <c>avatar_name</c> (<c>default/blue</c>).
/// </summary>
public static class Avatars
{
    private const int Size = 160;

    private static readonly Dictionary<string, (byte R, byte G, byte B)> Colours = new(StringComparer.Ordinal)
    {
        ["default/red"] = (0xd6, 0x45, 0x45),
        ["default/orange"] = (0xe8, 0x83, 0x3a),
        ["default/yellow"] = (0xe5, 0xc0, 0x3a),
        ["default/green"] = (0x3f, 0xa3, 0x4d),
        ["default/teal"] = (0x2a, 0x9d, 0x8f),
        ["default/blue"] = (0x3a, 0x78, 0xd6),
        ["default/indigo"] = (0x5a, 0x4f, 0xcf),
        ["default/purple"] = (0x9b, 0x4d, 0xca),
        ["default/pink"] = (0xd6, 0x45, 0x92),
        ["default/grey"] = (0x7a, 0x7a, 0x7a),
    };

    private static readonly ConcurrentDictionary<string, byte[]> Drawn = new(StringComparer.Ordinal);

    public static IEnumerable<string> Names => Colours.Keys;

    public static bool Exists(string name) => Colours.ContainsKey(name);

    /// <summary>Avatars are media: their URLs start where image links do (<c>Media:PublicBaseUrl</c>).</summary>
    public static string Location(string mediaBaseUrl, string name) => $"{mediaBaseUrl}/avatars/{name}.png";

    public static AvailableAvatarsModel Available(string mediaBaseUrl)
    {
        var avatars = Names.Select(name => new AvailableAvatarModel(name, Location(mediaBaseUrl, name))).ToList();
        return new AvailableAvatarsModel(avatars, avatars.Count);
    }

    public static void MapAvatars(this IEndpointRouteBuilder app) =>
        app.MapGet("/avatars/{set}/{name}.png", (string set, string name) =>
        {
            var key = $"{set}/{name}";
            if (!Colours.TryGetValue(key, out var colour))
            {
                return Results.NotFound();
            }
            var png = Drawn.GetOrAdd(key, _ =>
            {
                using var canvas = NetVips.Image.Black(Size, Size, bands: 3);
                using var filled = canvas.NewFromImage(colour.R, colour.G, colour.B);
                using var bytes = filled.Cast(NetVips.Enums.BandFormat.Uchar);
                return bytes.PngsaveBuffer();
            });
            return Results.Bytes(png, "image/png");
        });
}
