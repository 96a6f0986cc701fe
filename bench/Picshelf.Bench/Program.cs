using System.Diagnostics;
using System.Globalization;
using NetVips;
using VipsImage = NetVips.Image;

// bench/run.sh helper.
//   gen DIR            writes serve.jpg (~250 KB, 1280x960), big.jpg (~3 MB, 4000x3000),
//                      huge.jpg (~19 MB, < 20 MiB) and bomb.png (30000x30000, 1 bit) unless present
//   thumb FILE BOX N   times ThumbnailBuffer(BOX x BOX, Size.Down) + JpegsaveBuffer(q 85), N timed calls
//                      after warm-up, prints "key value" lines
//   seed-gallery PROVIDER CONNECTION CLIENT_ID POSTS DIR
//                      bench/gallery.sh: seeds POSTS gallery posts into a migrated database (GallerySeed.cs)
//   seed-comments BASE_URL POST_ID TOKENS_FILE COUNT CONCURRENCY DIR
//                      bench/comments.sh: posts COUNT comments in a realistic tree on one post over HTTP (CommentSeed.cs)
// Output is "key value" lines on stdout, one measure a line, for the shell to read.

Cache.Max = 0;
Cache.MaxFiles = 0;
Cache.MaxMem = 0;

return args switch
{
    ["gen", var dir] => Generate(dir),
    ["thumb", var file, var box, var count] => TimeThumbnail(file, Parse(box), Parse(count)),
    ["seed-gallery", var provider, var connection, var clientId, var posts, var outDir] =>
        Picshelf.Bench.GallerySeed.Run(provider, connection, clientId, Parse(posts), outDir),
    ["seed-comments", var baseUrl, var postId, var tokensFile, var count, var concurrency, var outDir] =>
        Picshelf.Bench.CommentSeed.Run(baseUrl, postId, tokensFile, Parse(count), Parse(concurrency), outDir),
    _ => Usage(),
};

static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: Picshelf.Bench gen DIR | thumb FILE BOX COUNT | seed-gallery sqlite|postgres CONNECTION CLIENT_ID POSTS DIR | seed-comments BASE_URL POST_ID TOKENS_FILE COUNT CONCURRENCY DIR");
    return 2;
}

static int Generate(string dir)
{
    Directory.CreateDirectory(dir);
    // name, width, height, target bytes, upper bound, JPEG quality, seed
    MakeNoiseJpeg(Path.Combine(dir, "serve.jpg"), 1280, 960, 250_000, 300_000, 88, 42);
    MakeNoiseJpeg(Path.Combine(dir, "big.jpg"), 4000, 3000, 3_000_000, 3_400_000, 88, 7);
    // 19 MB, comfortably below the 20 MiB (20,971,520 B) upload limit.
    MakeNoiseJpeg(Path.Combine(dir, "huge.jpg"), 6000, 4500, 19_000_000, 20_000_000, 95, 3);

    var bomb = Path.Combine(dir, "bomb.png");
    if (!File.Exists(bomb))
    {
        using var black = VipsImage.Black(30000, 30000);
        WriteAtomically(bomb, black.PngsaveBuffer(compression: 9, bitdepth: 1));
    }
    Report(bomb);
    return 0;
}

static void Report(string path)
{
    using var header = VipsImage.NewFromFile(path);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Path.GetFileName(path)} {header.Width}x{header.Height} {new FileInfo(path).Length}"));
}

static void WriteAtomically(string path, byte[] bytes)
{
    var temporary = path + ".tmp";
    File.WriteAllBytes(temporary, bytes);
    File.Move(temporary, path, overwrite: true);
}

// A smooth colour field plus Gaussian noise; the noise level is searched so the JPEG lands near the target size.
static void MakeNoiseJpeg(string path, int width, int height, long target, long upperBound, int quality, int seed)
{
    if (File.Exists(path) && new FileInfo(path).Length is var existing && existing <= upperBound && existing >= target * 8 / 10)
    {
        Report(path);
        return;
    }
    double low = 0, high = 128;
    byte[]? best = null;
    for (var step = 0; step < 12; step++)
    {
        var sigma = (low + high) / 2;
        var bytes = Encode(width, height, sigma, quality, seed);
        if (bytes.Length > upperBound)
        {
            high = sigma;
            continue;
        }
        if (best is null || Math.Abs(bytes.Length - target) < Math.Abs(best.Length - target))
        {
            best = bytes;
        }
        if (Math.Abs(bytes.Length - target) <= target / 50)
        {
            break;
        }
        if (bytes.Length < target)
        {
            low = sigma;
        }
        else
        {
            high = sigma;
        }
    }
    if (best is null)
    {
        throw new InvalidOperationException($"could not make {path} below {upperBound} bytes");
    }
    WriteAtomically(path, best);
    Report(path);
}

static byte[] Encode(int width, int height, double sigma, int quality, int seed)
{
    // Coarse noise blown up with a smooth kernel gives soft colour blobs (like a photo's large areas).
    using var coarseR = VipsImage.Gaussnoise(width / 64 + 2, height / 64 + 2, sigma: 50, mean: 128, seed: seed);
    using var coarseG = VipsImage.Gaussnoise(width / 64 + 2, height / 64 + 2, sigma: 50, mean: 128, seed: seed + 1);
    using var coarseB = VipsImage.Gaussnoise(width / 64 + 2, height / 64 + 2, sigma: 50, mean: 128, seed: seed + 2);
    using var coarse = coarseR.Bandjoin(coarseG, coarseB);
    using var smooth = coarse.Resize(64.0, kernel: Enums.Kernel.Cubic).Crop(0, 0, width, height);
    using var fineR = VipsImage.Gaussnoise(width, height, sigma: sigma, mean: 0, seed: seed + 3);
    using var fineG = VipsImage.Gaussnoise(width, height, sigma: sigma, mean: 0, seed: seed + 4);
    using var fineB = VipsImage.Gaussnoise(width, height, sigma: sigma, mean: 0, seed: seed + 5);
    using var fine = fineR.Bandjoin(fineG, fineB);
    using var sum = smooth.Add(fine);
    using var pixels = sum.Cast(Enums.BandFormat.Uchar);
    using var srgb = pixels.Copy(interpretation: Enums.Interpretation.Srgb);
    return srgb.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None);
}

static int TimeThumbnail(string file, int box, int count)
{
    var original = File.ReadAllBytes(file);
    var process = Process.GetCurrentProcess();

    // The brief's call (plain q85 from a buffer) and the server's exact call (from a stream, metadata dropped).
    var plain = Measure(original, count, process, bytes =>
    {
        using var thumbnail = VipsImage.ThumbnailBuffer(bytes, box, height: box, size: Enums.Size.Down);
        return thumbnail.JpegsaveBuffer(q: 85);
    });
    var server = Measure(original, count, process, bytes =>
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var thumbnail = VipsImage.ThumbnailStream(stream, box, height: box, size: Enums.Size.Down);
        return thumbnail.JpegsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
    });
    process.Refresh();
    var inv = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(inv, $"thumb_plain_ms {plain.MedianMs:F2}"));
    Console.WriteLine(string.Create(inv, $"thumb_plain_cpu_ms {plain.CpuMs:F2}"));
    Console.WriteLine(string.Create(inv, $"thumb_plain_bytes {plain.Bytes}"));
    Console.WriteLine(string.Create(inv, $"thumb_server_ms {server.MedianMs:F2}"));
    Console.WriteLine(string.Create(inv, $"thumb_server_cpu_ms {server.CpuMs:F2}"));
    Console.WriteLine(string.Create(inv, $"thumb_server_bytes {server.Bytes}"));
    Console.WriteLine(string.Create(inv, $"peak_rss_mb {PeakRssMb():F1}"));
    return 0;
}

static (double MedianMs, double CpuMs, int Bytes) Measure(byte[] original, int count, Process process, Func<byte[], byte[]> thumbnail)
{
    var bytes = 0;
    for (var i = 0; i < 4; i++)
    {
        bytes = thumbnail(original).Length;
    }
    var times = new double[count];
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    for (var i = 0; i < count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        bytes = thumbnail(original).Length;
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
    Array.Sort(times);
    var median = count % 2 == 1 ? times[count / 2] : (times[count / 2 - 1] + times[count / 2]) / 2;
    return (median, cpu, bytes);
}

static double PeakRssMb()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
    }
    return double.NaN;
}
