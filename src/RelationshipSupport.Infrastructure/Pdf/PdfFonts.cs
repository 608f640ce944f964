using System.Collections.Concurrent;
using SkiaSharp;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>The faces the reports use. Each maps to one DejaVu Sans TrueType file.</summary>
internal enum FontFace
{
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

/// <summary>One loaded face: the Skia typeface (drawn and embedded in the PDF) and HarfBuzz's view of the same file
/// (used to shape text: glyphs and kerning). Both are immutable and safe to share between threads.</summary>
internal sealed class LoadedFace : IDisposable
{
    public LoadedFace(string path)
    {
        Path = path;
        Typeface = SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"The font file {path} could not be read as a TrueType font.");
        Blob = HarfBuzzSharp.Blob.FromFile(path);
        HbFace = new HarfBuzzSharp.Face(Blob, 0);
        UnitsPerEm = HbFace.UnitsPerEm;
        HbFont = new HarfBuzzSharp.Font(HbFace);
        HbFont.SetFunctionsOpenType();
        HbFont.SetScale(UnitsPerEm, UnitsPerEm);
        using var font = new SKFont(Typeface, UnitsPerEm);
        var metrics = font.Metrics;
        Ascent = -metrics.Ascent / UnitsPerEm;
        Descent = metrics.Descent / UnitsPerEm;
        CapHeight = metrics.CapHeight / UnitsPerEm;
    }

    public string Path { get; }
    public SKTypeface Typeface { get; }
    public HarfBuzzSharp.Blob Blob { get; }
    public HarfBuzzSharp.Face HbFace { get; }
    public HarfBuzzSharp.Font HbFont { get; }
    public int UnitsPerEm { get; }

    /// <summary>Ascent, descent and cap height as fractions of the em (positive numbers).</summary>
    public float Ascent { get; }
    public float Descent { get; }
    public float CapHeight { get; }

    public void Dispose()
    {
        HbFont.Dispose();
        HbFace.Dispose();
        Blob.Dispose();
        Typeface.Dispose();
    }
}

/// <summary>
/// The report fonts, loaded once per folder from TrueType files. SkiaSharp's NoDependencies native build sees no system
/// fonts, so every face is loaded explicitly from the <c>fonts/</c> folder next to the application, where the web
/// project's build copies them from the npm package <c>dejavu-fonts-ttf</c>. Skia embeds each face used in the PDF.
/// </summary>
internal sealed class PdfFonts
{
    public const string FamilyName = "DejaVu Sans";

    private static readonly (FontFace Face, string File)[] Files =
    [
        (FontFace.Regular, "DejaVuSans.ttf"),
        (FontFace.Bold, "DejaVuSans-Bold.ttf"),
        (FontFace.Italic, "DejaVuSans-Oblique.ttf"),
        (FontFace.BoldItalic, "DejaVuSans-BoldOblique.ttf"),
    ];

    private static readonly ConcurrentDictionary<string, Lazy<PdfFonts>> Loaded = new(StringComparer.Ordinal);
    private readonly LoadedFace[] faces;

    private PdfFonts(string directory)
    {
        Directory = directory;
        var missing = Files.Where(f => !File.Exists(System.IO.Path.Combine(directory, f.File))).Select(f => f.File).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The PDF report fonts are missing from {directory}: {string.Join(", ", missing)}. They come from the npm " +
                "package dejavu-fonts-ttf, which the build of RelationshipSupport.Web restores (npm ci) and copies to fonts/ " +
                "in the output folder. Build the web project (dotnet build), or set the font folder explicitly.");
        }
        faces = Files.OrderBy(f => f.Face).Select(f => new LoadedFace(System.IO.Path.Combine(directory, f.File))).ToArray();
        ScottPlotFonts.Register(this);
    }

    public string Directory { get; }

    public LoadedFace this[FontFace face] => faces[(int)face];

    /// <summary>The default folder: <c>fonts/</c> beside the application's assemblies.</summary>
    public static string DefaultDirectory => System.IO.Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>The fonts of <paramref name="directory"/>, loaded on first use and kept for the life of the process.</summary>
    public static PdfFonts For(string directory)
    {
        var full = System.IO.Path.GetFullPath(directory);
        var lazy = Loaded.GetOrAdd(full, d => new Lazy<PdfFonts>(() => new PdfFonts(d)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Loaded.TryRemove(full, out _); // a later call (after the build restored the fonts) may succeed
            throw;
        }
    }
}

/// <summary>
/// Lets ScottPlot draw chart text with the report's own typefaces (the same SKTypeface objects, so the PDF embeds each
/// face once). ScottPlot's font registry is process-wide; the first loaded font set answers for "DejaVu Sans".
/// </summary>
internal sealed class ScottPlotFonts : ScottPlot.IFontResolver
{
    private static readonly Lock Gate = new();
    private static bool registered;
    private readonly PdfFonts fonts;

    private ScottPlotFonts(PdfFonts fonts) => this.fonts = fonts;

    public static void Register(PdfFonts fonts)
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }
            ScottPlot.Fonts.FontResolvers.Insert(0, new ScottPlotFonts(fonts));
            ScottPlot.Fonts.Default = PdfFonts.FamilyName;
            registered = true;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, PdfFonts.FamilyName, StringComparison.OrdinalIgnoreCase)
            ? fonts[(bold, italic) switch
            {
                (true, true) => FontFace.BoldItalic,
                (true, false) => FontFace.Bold,
                (false, true) => FontFace.Italic,
                _ => FontFace.Regular,
            }].Typeface
            : null;

    public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= ScottPlot.FontWeight.SemiBold, slant != ScottPlot.FontSlant.Upright);
}
