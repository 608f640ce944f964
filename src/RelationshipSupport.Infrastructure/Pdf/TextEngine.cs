using System.Text;
using SkiaSharp;

namespace RelationshipSupport.Infrastructure.Pdf;

/// <summary>Shaped text at the em scale: glyph ids, their x positions and the total advance, in ems (size-free).</summary>
internal sealed class Shaped(string text, ushort[] glyphs, float[] x, float advance)
{
    public string Text { get; } = text;
    public ushort[] Glyphs { get; } = glyphs;
    public float[] X { get; } = x;
    public float Advance { get; } = advance;
}

/// <summary>A run of one face inside a word.</summary>
internal readonly record struct Piece(FontFace Face, Shaped Shaped);

/// <summary>A word (no spaces) made of one or more pieces; <see cref="IsBreak"/> marks a forced line break.</summary>
internal sealed class Word(Piece[] pieces)
{
    public static readonly Word Break = new([]) { IsBreak = true };

    public Piece[] Pieces { get; } = pieces;
    public float Em { get; } = pieces.Sum(p => p.Shaped.Advance);
    public bool IsBreak { get; private init; }
    public FontFace TrailingFace => Pieces.Length == 0 ? FontFace.Regular : Pieces[^1].Face;
}

/// <summary>One laid-out line: a slice of words and its natural width in ems (spaces included).</summary>
internal sealed class TextLine(Word[] words, float em, bool last)
{
    public Word[] Words { get; } = words;
    public float Em { get; } = em;

    /// <summary>The paragraph's last line, or one ended by a forced break (never justified).</summary>
    public bool Last { get; } = last;
}

internal enum TextAlign
{
    Left,
    Center,
    Right,
    Justify,
}

/// <summary>
/// Shaping (HarfBuzz: glyphs and kerning; ligatures off so that every glyph maps back to one character and the text
/// extracts exactly), word wrapping and drawing as PDF text. One per rendering, not shared between threads: it caches
/// every shaped string and every SKFont it creates, so a word repeated across a report is shaped once.
/// </summary>
internal sealed class TextEngine : IDisposable
{
    private static readonly HarfBuzzSharp.Feature[] Features =
    [
        new(new HarfBuzzSharp.Tag('l', 'i', 'g', 'a'), 0),
        new(new HarfBuzzSharp.Tag('c', 'l', 'i', 'g'), 0),
    ];

    private readonly PdfFonts fonts;
    private readonly Dictionary<(FontFace, string), Shaped> shaped = [];
    private readonly Dictionary<(FontFace, float), SKFont> skFonts = [];
    private readonly Dictionary<SKColor, SKPaint> paints = [];
    private readonly HarfBuzzSharp.Buffer buffer = new();
    private readonly StringBuilder scratch = new();
    private float[] positions = new float[64];

    public TextEngine(PdfFonts fonts) => this.fonts = fonts;

    public LoadedFace Face(FontFace face) => fonts[face];

    public Shaped Shape(FontFace face, string text)
    {
        if (shaped.TryGetValue((face, text), out var result))
        {
            return result;
        }
        var loaded = fonts[face];
        buffer.ClearContents();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        loaded.HbFont.Shape(buffer, Features);
        var info = buffer.GetGlyphInfoSpan();
        var pos = buffer.GetGlyphPositionSpan();
        var glyphs = new ushort[info.Length];
        var xs = new float[info.Length];
        float em = loaded.UnitsPerEm, x = 0;
        for (var i = 0; i < info.Length; i++)
        {
            glyphs[i] = (ushort)info[i].Codepoint;
            xs[i] = (x + pos[i].XOffset) / em;
            x += pos[i].XAdvance;
        }
        result = new Shaped(text, glyphs, xs, x / em);
        shaped[(face, text)] = result;
        return result;
    }

    public float SpaceEm(FontFace face) => Shape(face, " ").Advance;

    public float Measure(string text, FontFace face, float size) => Shape(face, text).Advance * size;

    public float Measure(string text, TextStyle style) => Measure(text, style.Face, style.Size);

    public SKFont Font(FontFace face, float size)
    {
        if (!skFonts.TryGetValue((face, size), out var font))
        {
            font = new SKFont(fonts[face].Typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
            skFonts[(face, size)] = font;
        }
        return font;
    }

    public SKPaint Fill(SKColor color)
    {
        if (!paints.TryGetValue(color, out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            paints[color] = paint;
        }
        return paint;
    }

    /// <summary>Distance from the top of a line box to the baseline, so that the text sits centred in its leading.</summary>
    public float BaselineOffset(TextStyle style)
    {
        var face = fonts[style.Face];
        var content = (face.Ascent + face.Descent) * style.Size;
        return (style.Leading - content) / 2 + face.Ascent * style.Size;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Words

    /// <summary>Splits text into words, reading <c>**bold**</c> and <c>*italic*</c> runs when <paramref name="markup"/>
    /// is set; a newline forces a line break.</summary>
    public List<Word> Words(string text, FontFace baseFace, bool markup)
    {
        var words = new List<Word>();
        var pieces = new List<Piece>();
        bool bold = baseFace is FontFace.Bold or FontFace.BoldItalic, italic = baseFace is FontFace.Italic or FontFace.BoldItalic;
        bool markBold = false, markItalic = false;
        scratch.Clear();
        var pieceFace = baseFace;

        void EndPiece()
        {
            if (scratch.Length > 0)
            {
                pieces.Add(new Piece(pieceFace, Shape(pieceFace, scratch.ToString())));
                scratch.Clear();
            }
        }

        void EndWord()
        {
            EndPiece();
            if (pieces.Count > 0)
            {
                words.Add(new Word([.. pieces]));
                pieces.Clear();
            }
        }

        FontFace Current() => (bold || markBold, italic || markItalic) switch
        {
            (true, true) => FontFace.BoldItalic,
            (true, false) => FontFace.Bold,
            (false, true) => FontFace.Italic,
            _ => FontFace.Regular,
        };

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (markup && c == '*')
            {
                var isDouble = i + 1 < text.Length && text[i + 1] == '*';
                var width = isDouble ? 2 : 1;
                var on = isDouble ? markBold : markItalic;
                var toggles = on
                    ? i > 0 && !char.IsWhiteSpace(text[i - 1])
                    : i + width < text.Length && !char.IsWhiteSpace(text[i + width]) && HasCloser(text, i + width, isDouble);
                if (toggles)
                {
                    EndPiece();
                    if (isDouble)
                    {
                        markBold = !markBold;
                    }
                    else
                    {
                        markItalic = !markItalic;
                    }
                    pieceFace = Current();
                    i += width - 1;
                    continue;
                }
            }
            if (c == '\n')
            {
                EndWord();
                words.Add(Word.Break);
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                EndWord();
                continue;
            }
            scratch.Append(c);
        }
        EndWord();
        return words;
    }

    private static bool HasCloser(string text, int from, bool isDouble)
    {
        for (var j = from + 1; j < text.Length; j++)
        {
            if (text[j] != '*' || char.IsWhiteSpace(text[j - 1]))
            {
                continue;
            }
            var doubleHere = j + 1 < text.Length && text[j + 1] == '*';
            if (isDouble == doubleHere)
            {
                return true;
            }
            if (doubleHere)
            {
                j++;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Wrapping

    /// <summary>Greedy line breaking into lines no wider than <paramref name="width"/> points at <paramref name="size"/>.
    /// A word longer than a line is cut between characters.</summary>
    public List<TextLine> Wrap(List<Word> words, float width, float size)
    {
        var lines = new List<TextLine>();
        var maxEm = width / size;
        var line = new List<Word>();
        float em = 0;

        void Flush(bool last)
        {
            if (line.Count > 0 || last)
            {
                lines.Add(new TextLine([.. line], em, last));
            }
            line.Clear();
            em = 0;
        }

        foreach (var word in words)
        {
            if (word.IsBreak)
            {
                Flush(last: true);
                continue;
            }
            foreach (var part in word.Em > maxEm ? CutWord(word, maxEm) : [word])
            {
                var space = line.Count == 0 ? 0 : SpaceEm(line[^1].TrailingFace);
                if (line.Count > 0 && em + space + part.Em > maxEm + 1e-4f)
                {
                    Flush(last: false);
                    space = 0;
                }
                line.Add(part);
                em += space + part.Em;
            }
        }
        if (line.Count > 0)
        {
            Flush(last: true);
        }
        else if (lines.Count > 0 && !lines[^1].Last)
        {
            var previous = lines[^1];
            lines[^1] = new TextLine(previous.Words, previous.Em, true);
        }
        return lines;
    }

    /// <summary>Wraps plain text (no markup) in one face.</summary>
    public List<TextLine> Wrap(string text, TextStyle style, float width) =>
        Wrap(Words(text, style.Face, markup: false), width, style.Size);

    private IEnumerable<Word> CutWord(Word word, float maxEm)
    {
        // Rebuild the word character by character (rare: long URLs or identifiers), keeping each piece's face.
        var current = new List<Piece>();
        float em = 0;
        foreach (var piece in word.Pieces)
        {
            var text = piece.Shaped.Text;
            var start = 0;
            for (var end = 1; end <= text.Length; end++)
            {
                var candidate = Shape(piece.Face, text[start..end]);
                if (em + candidate.Advance > maxEm && end - start > 1)
                {
                    current.Add(new Piece(piece.Face, Shape(piece.Face, text[start..(end - 1)])));
                    yield return new Word([.. current]);
                    current.Clear();
                    em = 0;
                    start = end - 1;
                }
            }
            if (start < text.Length)
            {
                var rest = Shape(piece.Face, text[start..]);
                current.Add(new Piece(piece.Face, rest));
                em += rest.Advance;
            }
        }
        if (current.Count > 0)
        {
            yield return new Word([.. current]);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Drawing

    /// <summary>Draws one line as PDF text (a text blob: selectable, searchable, embedded font). Spaces are drawn as
    /// space glyphs so that copied text keeps its word breaks.</summary>
    public void DrawLine(SKCanvas canvas, TextLine line, float x, float baseline, float width, TextStyle style, TextAlign align)
    {
        if (line.Words.Length == 0)
        {
            return;
        }
        var size = style.Size;
        var natural = line.Em * size;
        float extraPerGap = 0;
        switch (align)
        {
            case TextAlign.Right:
                x += width - natural;
                break;
            case TextAlign.Center:
                x += (width - natural) / 2;
                break;
            case TextAlign.Justify when !line.Last && line.Words.Length > 1:
                extraPerGap = Math.Max(0, width - natural) / (line.Words.Length - 1);
                break;
        }

        using var builder = new SKTextBlobBuilder();
        var cursor = x;
        for (var w = 0; w < line.Words.Length; w++)
        {
            var word = line.Words[w];
            foreach (var piece in word.Pieces)
            {
                AddRun(builder, piece.Face, piece.Shaped, size, cursor, baseline);
                cursor += piece.Shaped.Advance * size;
            }
            if (w < line.Words.Length - 1)
            {
                var face = word.TrailingFace;
                var space = Shape(face, " ");
                AddRun(builder, face, space, size, cursor, baseline);
                cursor += space.Advance * size + extraPerGap;
            }
        }
        using var blob = builder.Build();
        if (blob is not null)
        {
            canvas.DrawText(blob, 0, 0, Fill(style.Color));
        }
    }

    private void AddRun(SKTextBlobBuilder builder, FontFace face, Shaped text, float size, float x, float baseline)
    {
        var count = text.Glyphs.Length;
        if (count == 0)
        {
            return;
        }
        if (positions.Length < count)
        {
            positions = new float[Math.Max(count, positions.Length * 2)];
        }
        for (var i = 0; i < count; i++)
        {
            positions[i] = x + text.X[i] * size;
        }
        builder.AddHorizontalRun(text.Glyphs, Font(face, size), positions.AsSpan(0, count), baseline);
    }

    /// <summary>Draws a single line of plain text; returns its width.</summary>
    public float DrawText(SKCanvas canvas, string text, TextStyle style, float x, float baseline, TextAlign align = TextAlign.Left,
        SKColor? halo = null)
    {
        var shapedText = Shape(style.Face, text);
        var width = shapedText.Advance * style.Size;
        x = align switch
        {
            TextAlign.Right => x - width,
            TextAlign.Center => x - width / 2,
            _ => x,
        };
        using var builder = new SKTextBlobBuilder();
        AddRun(builder, style.Face, shapedText, style.Size, x, baseline);
        using var blob = builder.Build();
        if (blob is null)
        {
            return width;
        }
        if (halo is { } haloColor)
        {
            // A thin outline in the background colour keeps a label legible where it crosses a line.
            using var outline = new SKPaint
            {
                Color = haloColor,
                Style = SKPaintStyle.Stroke,
                StrokeWidth = style.Size * 0.3f,
                StrokeJoin = SKStrokeJoin.Round,
                IsAntialias = true,
            };
            canvas.DrawText(blob, 0, 0, outline);
        }
        canvas.DrawText(blob, 0, 0, Fill(style.Color));
        return width;
    }

    /// <summary>Draws wrapped lines from <paramref name="top"/>, one leading apart.</summary>
    public void DrawLines(SKCanvas canvas, IReadOnlyList<TextLine> lines, float x, float top, float width, TextStyle style, TextAlign align)
    {
        var baseline = top + BaselineOffset(style);
        foreach (var line in lines)
        {
            DrawLine(canvas, line, x, baseline, width, style, align);
            baseline += style.Leading;
        }
    }

    public void Dispose()
    {
        foreach (var font in skFonts.Values)
        {
            font.Dispose();
        }
        foreach (var paint in paints.Values)
        {
            paint.Dispose();
        }
        buffer.Dispose();
        skFonts.Clear();
        paints.Clear();
    }
}
