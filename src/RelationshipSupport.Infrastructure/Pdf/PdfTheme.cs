using SkiaSharp;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>A text style: face, size and leading in points, colour.</summary>
internal readonly record struct TextStyle(FontFace Face, float Size, float Leading, SKColor Color)
{
    public TextStyle With(FontFace face) => this with { Face = face };
}

/// <summary>
/// The reports' design in one place: A4 in points, margins, one accent colour (NHS blue) with the NHS greys, a small
/// type scale, and the chart palette. Everything the layout draws takes its measures from here.
/// </summary>
internal static class PdfTheme
{
    // A4 in points (1/72 inch).
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float MarginLeft = 72f;
    public const float MarginRight = 72f;
    public const float MarginTop = 82f;
    public const float MarginBottom = 76f;
    public const float ContentWidth = PageWidth - MarginLeft - MarginRight;
    public const float HeaderBaseline = 46f;
    public const float FooterBaseline = PageHeight - 40f;

    // Colours: NHS identity blue and the NHS greys; nothing else except in charts.
    public static readonly SKColor Accent = SKColor.Parse("#005EB8");
    public static readonly SKColor AccentDark = SKColor.Parse("#003087");
    public static readonly SKColor AccentPale = SKColor.Parse("#EBF2FA");
    public static readonly SKColor Text = SKColor.Parse("#212B32");
    public static readonly SKColor TextSecondary = SKColor.Parse("#4C6272");
    public static readonly SKColor Grey1 = SKColor.Parse("#768692");
    public static readonly SKColor Grey3 = SKColor.Parse("#AEB7BD");
    public static readonly SKColor Grey4 = SKColor.Parse("#D8DDE0");
    public static readonly SKColor Grey5 = SKColor.Parse("#F0F4F5");
    public static readonly SKColor White = SKColors.White;

    /// <summary>Series colours, in order: categorical, led by the accent.</summary>
    public static readonly SKColor[] Palette =
    [
        SKColor.Parse("#005EB8"), // NHS blue
        SKColor.Parse("#41B6E6"), // NHS light blue
        SKColor.Parse("#003087"), // NHS dark blue
        SKColor.Parse("#00A499"), // NHS aqua green
        SKColor.Parse("#ED8B00"), // NHS orange
        SKColor.Parse("#768692"), // NHS mid grey
    ];

    /// <summary>Shares of a whole, ordered from the strongest answer to the weakest: a ramp of the accent to grey.</summary>
    public static readonly SKColor[] Ramp =
    [
        SKColor.Parse("#005EB8"),
        SKColor.Parse("#7BAEDF"),
        SKColor.Parse("#C9D4DD"),
        SKColor.Parse("#9AA5AE"),
        SKColor.Parse("#5E6C77"),
    ];

    // Type scale.
    public static readonly TextStyle Body = new(FontFace.Regular, 9.5f, 14.6f, Text);
    public static readonly TextStyle Lead = new(FontFace.Regular, 11.5f, 17f, AccentDark);
    public static readonly TextStyle Note = new(FontFace.Regular, 8f, 11.5f, TextSecondary);
    public static readonly TextStyle H1 = new(FontFace.Bold, 20f, 25f, Accent);
    public static readonly TextStyle H2 = new(FontFace.Bold, 13f, 17f, Text);
    public static readonly TextStyle H3 = new(FontFace.Bold, 10.5f, 14f, AccentDark);
    public static readonly TextStyle Quote = new(FontFace.Italic, 9.5f, 14.6f, Text);
    public static readonly TextStyle Attribution = new(FontFace.Regular, 8f, 11f, TextSecondary);
    public static readonly TextStyle TableHeader = new(FontFace.Bold, 8f, 10.5f, Text);
    public static readonly TextStyle TableCell = new(FontFace.Regular, 8.5f, 11f, Text);
    public static readonly TextStyle Caption = new(FontFace.Bold, 8.5f, 11.5f, Text);
    public static readonly TextStyle Running = new(FontFace.Regular, 7.5f, 10f, TextSecondary);
    public static readonly TextStyle ChartLabel = new(FontFace.Regular, 7.5f, 9.5f, TextSecondary);
    public static readonly TextStyle ChartValue = new(FontFace.Bold, 7f, 9f, Text);

    // Vertical rhythm.
    public const float ParagraphGap = 8f;
    public const float BlockGap = 14f;
}
