using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RelationshipSupport.Web.TagHelpers;

/// <summary>An option of a radio group, checkbox group or select.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null, string? Group = null);

/// <summary>
/// Form fields in the NHS.UK design system's markup: label, hint, error message, the field, and the
/// error classes, with ids that the error summary links to. One place, so every form is consistent.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    private static readonly HtmlEncoder Enc = HtmlEncoder.Default;

    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = default!;
    [HtmlAttributeName("label")] public string Label { get; set; } = "";
    [HtmlAttributeName("hint")] public string? Hint { get; set; }
    /// <summary>Makes the label or legend the page heading size (s, m, l) when set.</summary>
    [HtmlAttributeName("label-size")] public string? LabelSize { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = default!;

    protected string Name => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
    protected string Id => IdFor(Name);

    public static string IdFor(string name) => TagBuilder.CreateSanitizedId(name, "_");

    protected static string E(string? s) => Enc.Encode(s ?? "");

    protected string? Error
    {
        get
        {
            var entry = ViewContext.ViewData.ModelState.TryGetValue(Name, out var e) ? e : null;
            return entry?.Errors.FirstOrDefault()?.ErrorMessage;
        }
    }

    protected string StringValue(object? model) => model switch
    {
        null => "",
        Enum en => en.ToString(),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), // what <input type="date"> reads and sends
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString() ?? "",
    };

    protected string HintHtml(string id) => Hint is null ? "" : $"<div class=\"nhsuk-hint\" id=\"{id}-hint\">{E(Hint)}</div>";

    protected string ErrorHtml(string id) => Error is { } err
        ? $"<span class=\"nhsuk-error-message\" id=\"{id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {E(err)}</span>"
        : "";

    protected string DescribedBy(string id)
    {
        var parts = new List<string>();
        if (Hint is not null) parts.Add(id + "-hint");
        if (Error is not null) parts.Add(id + "-error");
        return parts.Count == 0 ? "" : $" aria-describedby=\"{string.Join(' ', parts)}\"";
    }

    protected string GroupClass => Error is null ? "nhsuk-form-group" : "nhsuk-form-group nhsuk-form-group--error";

    protected string LabelClass(string baseClass) => LabelSize is null ? baseClass : $"{baseClass} {baseClass}--{LabelSize}";

    protected void Render(TagHelperOutput output, string html)
    {
        RenderedFields.Add(ViewContext.HttpContext, Id);
        output.TagName = null;
        output.Content.SetHtmlContent(html);
    }
}

/// <summary>
/// The ids of the fields a page has rendered, in the order it rendered them: the error summary, written out
/// after the whole page has been rendered, lists its errors in this order and links only to fields that exist.
/// </summary>
internal static class RenderedFields
{
    private static readonly object Key = new();

    public static void Add(HttpContext context, string id)
    {
        if (context.Items[Key] is not List<string> ids) context.Items[Key] = ids = [];
        ids.Add(id);
    }

    public static IReadOnlyList<string> Of(HttpContext context) => context.Items[Key] as List<string> ?? [];
}

[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("type")] public string Type { get; set; } = "text";
    [HtmlAttributeName("width")] public int? Width { get; set; }
    [HtmlAttributeName("autocomplete")] public string? Autocomplete { get; set; }
    [HtmlAttributeName("inputmode")] public string? InputMode { get; set; }
    [HtmlAttributeName("maxlength")] public int? MaxLength { get; set; }
    [HtmlAttributeName("spellcheck")] public bool? Spellcheck { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var cls = "nhsuk-input" + (Width is { } w ? $" nhsuk-input--width-{w}" : "") + (Error is null ? "" : " nhsuk-input--error");
        var attrs = (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"")
            + (InputMode is null ? "" : $" inputmode=\"{E(InputMode)}\"")
            + (Spellcheck is null ? "" : $" spellcheck=\"{(Spellcheck.Value ? "true" : "false")}\"");
        Render(output, $"<div class=\"{GroupClass}\"><label class=\"{LabelClass("nhsuk-label")}\" for=\"{Id}\">{E(Label)}</label>{HintHtml(Id)}{ErrorHtml(Id)}"
            + $"<input class=\"{cls}\" id=\"{Id}\" name=\"{E(Name)}\" type=\"{E(Type)}\" value=\"{E(StringValue(For.Model))}\"{attrs}{DescribedBy(Id)}></div>");
    }
}

[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("rows")] public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var cls = "nhsuk-textarea" + (Error is null ? "" : " nhsuk-textarea--error");
        Render(output, $"<div class=\"{GroupClass}\"><label class=\"{LabelClass("nhsuk-label")}\" for=\"{Id}\">{E(Label)}</label>{HintHtml(Id)}{ErrorHtml(Id)}"
            + $"<textarea class=\"{cls}\" id=\"{Id}\" name=\"{E(Name)}\" rows=\"{Rows}\"{DescribedBy(Id)}>{E(StringValue(For.Model))}</textarea></div>");
    }
}

/// <summary>A group of radios (one value) or checkboxes (a list of values) in a fieldset with a legend.</summary>
[HtmlTargetElement("nhs-choices", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsChoicesTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("items")] public IEnumerable<Choice> Items { get; set; } = [];
    [HtmlAttributeName("multiple")] public bool Multiple { get; set; }
    [HtmlAttributeName("inline")] public bool Inline { get; set; }
    [HtmlAttributeName("small")] public bool Small { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var selected = For.Model is IEnumerable list and not string
            ? list.Cast<object>().Select(StringValue).ToHashSet()
            : [StringValue(For.Model)];
        var kind = Multiple ? "checkboxes" : "radios";
        var groupCls = $"nhsuk-{kind}" + (Inline ? $" nhsuk-{kind}--inline" : "") + (Small ? $" nhsuk-{kind}--small" : "");
        var html = new System.Text.StringBuilder();
        html.Append($"<div class=\"{GroupClass}\"><fieldset class=\"nhsuk-fieldset\"{DescribedBy(Id)}>");
        html.Append($"<legend class=\"{LabelClass("nhsuk-fieldset__legend")}\">{E(Label)}</legend>{HintHtml(Id)}{ErrorHtml(Id)}");
        html.Append($"<div class=\"{groupCls}\" data-module=\"nhsuk-{kind}\">");
        var i = 0;
        foreach (var item in Items)
        {
            // The first option carries the field's own id, so the error summary's link lands on it.
            var itemId = i == 0 ? Id : $"{Id}-{i + 1}";
            var isChecked = selected.Contains(item.Value) ? " checked" : "";
            var hintId = $"{itemId}-item-hint";
            var hint = item.Hint is null ? "" : $"<div class=\"nhsuk-hint nhsuk-{kind}__hint\" id=\"{hintId}\">{E(item.Hint)}</div>";
            var described = item.Hint is null ? "" : $" aria-describedby=\"{hintId}\"";
            var type = Multiple ? "checkbox" : "radio";
            html.Append($"<div class=\"nhsuk-{kind}__item\"><input class=\"nhsuk-{kind}__input\" id=\"{itemId}\" name=\"{E(Name)}\" type=\"{type}\" value=\"{E(item.Value)}\"{isChecked}{described}>");
            html.Append($"<label class=\"nhsuk-label nhsuk-{kind}__label\" for=\"{itemId}\">{E(item.Label)}</label>{hint}</div>");
            i++;
        }
        html.Append("</div></fieldset></div>");
        Render(output, html.ToString());
    }
}

/// <summary>A single checkbox for a boolean (for example a consent), with the hidden "false" the model binder expects.</summary>
[HtmlTargetElement("nhs-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsCheckboxTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("legend")] public string? Legend { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var isChecked = For.Model is true ? " checked" : "";
        // The hint explains the checkbox's own label, so it sits under that label and describes the input
        // (with the error, if any); a fieldset is only needed when there is a question (legend) above it.
        var hint = Hint is null ? "" : $"<div class=\"nhsuk-hint nhsuk-checkboxes__hint\" id=\"{Id}-hint\">{E(Hint)}</div>";
        var (open, close) = Legend is null
            ? ("", "")
            : ($"<fieldset class=\"nhsuk-fieldset\"><legend class=\"{LabelClass("nhsuk-fieldset__legend")}\">{E(Legend)}</legend>", "</fieldset>");
        Render(output, $"<div class=\"{GroupClass}\">{open}{ErrorHtml(Id)}"
            + $"<div class=\"nhsuk-checkboxes\"><div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"{Id}\" name=\"{E(Name)}\" type=\"checkbox\" value=\"true\"{isChecked}{DescribedBy(Id)}>"
            + $"<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"{Id}\">{E(Label)}</label>{hint}</div></div>"
            + $"<input type=\"hidden\" name=\"{E(Name)}\" value=\"false\">{close}</div>");
    }
}

[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("items")] public IEnumerable<Choice> Items { get; set; } = [];
    [HtmlAttributeName("empty")] public string? EmptyOption { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var current = StringValue(For.Model);
        var html = new System.Text.StringBuilder();
        html.Append($"<div class=\"{GroupClass}\"><label class=\"{LabelClass("nhsuk-label")}\" for=\"{Id}\">{E(Label)}</label>{HintHtml(Id)}{ErrorHtml(Id)}");
        html.Append($"<select class=\"nhsuk-select{(Error is null ? "" : " nhsuk-select--error")}\" id=\"{Id}\" name=\"{E(Name)}\"{DescribedBy(Id)}>");
        if (EmptyOption is not null) html.Append($"<option value=\"\">{E(EmptyOption)}</option>");
        foreach (var group in Items.GroupBy(i => i.Group))
        {
            if (group.Key is not null) html.Append($"<optgroup label=\"{E(group.Key)}\">");
            foreach (var item in group)
            {
                html.Append($"<option value=\"{E(item.Value)}\"{(item.Value == current ? " selected" : "")}>{E(item.Label)}</option>");
            }
            if (group.Key is not null) html.Append("</optgroup>");
        }
        html.Append("</select></div>");
        Render(output, html.ToString());
    }
}

/// <summary>The NHS date input: day, month and year boxes for a <c>DateInput</c>.</summary>
[HtmlTargetElement("nhs-date", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsDateTagHelper : NhsFieldTagHelper
{
    [HtmlAttributeName("autocomplete-prefix")] public string? AutocompletePrefix { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var model = For.Model;
        string Part(string p) => model?.GetType().GetProperty(p)?.GetValue(model) as string ?? "";
        var err = Error is null ? "" : " nhsuk-input--error";
        string Box(string part, string label, int width, string? autocomplete, bool first) =>
            $"<div class=\"nhsuk-date-input__item\"><div class=\"nhsuk-form-group\"><label class=\"nhsuk-label nhsuk-date-input__label\" for=\"{(first ? Id : $"{Id}_{part}")}\">{label}</label>"
            + $"<input class=\"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}{err}\" id=\"{(first ? Id : $"{Id}_{part}")}\" name=\"{E(Name)}.{part}\" type=\"text\" inputmode=\"numeric\" value=\"{E(Part(part))}\""
            + (autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"") + "></div></div>";
        var ac = string.IsNullOrWhiteSpace(AutocompletePrefix) ? null : AutocompletePrefix;
        Render(output, $"<div class=\"{GroupClass}\"><fieldset class=\"nhsuk-fieldset\" role=\"group\"{DescribedBy(Id)}>"
            + $"<legend class=\"{LabelClass("nhsuk-fieldset__legend")}\">{E(Label)}</legend>{HintHtml(Id)}{ErrorHtml(Id)}"
            + $"<div class=\"nhsuk-date-input\">"
            + Box("Day", "Day", 2, ac is null ? null : ac + "-day", true)
            + Box("Month", "Month", 2, ac is null ? null : ac + "-month", false)
            + Box("Year", "Year", 4, ac is null ? null : ac + "-year", false)
            + "</div></fieldset></div>");
    }
}

/// <summary>The error summary at the top of a form: every ModelState error, each linking to its field.</summary>
[HtmlTargetElement("nhs-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        var errors = ViewContext.ViewData.ModelState
            .Where(kv => kv.Value is { Errors.Count: > 0 })
            .SelectMany(kv => kv.Value!.Errors.Take(1).Select(e => (Key: kv.Key, e.ErrorMessage)))
            .ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        // The summary comes before the fields, so it is written out later, when the page has rendered them.
        output.Content.SetHtmlContent(new Summary(errors, ViewContext.HttpContext));
    }

    private sealed class Summary(List<(string Key, string Message)> errors, HttpContext context) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var fields = RenderedFields.Of(context).ToList();
            var ordered = errors
                .Select((e, i) => (e.Message, Id: NhsFieldTagHelper.IdFor(e.Key), Index: i))
                .Select(e => (e.Message, e.Id, e.Index, Position: e.Id.Length == 0 ? -1 : fields.IndexOf(e.Id)))
                .OrderBy(e => e.Position < 0 ? int.MaxValue : e.Position).ThenBy(e => e.Index);
            writer.Write("<div class=\"nhsuk-error-summary\" data-module=\"nhsuk-error-summary\" tabindex=\"-1\"><div role=\"alert\">");
            writer.Write("<h2 class=\"nhsuk-error-summary__title\">There is a problem</h2><div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">");
            foreach (var e in ordered)
            {
                // Link only to a field that is on the page: a link that goes nowhere strands keyboard users.
                writer.Write(e.Position < 0
                    ? $"<li>{encoder.Encode(e.Message)}</li>"
                    : $"<li><a href=\"#{e.Id}\">{encoder.Encode(e.Message)}</a></li>");
            }
            writer.Write("</ul></div></div></div>");
        }
    }
}

/// <summary>An anchor for errors about a whole group (e.g. "enter at least one child"), showing the message when there is one.</summary>
[HtmlTargetElement("nhs-error-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsErrorForTagHelper : NhsFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        RenderedFields.Add(ViewContext.HttpContext, Id);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", Id);
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Content.SetHtmlContent(Error is null ? "" : $"<div class=\"nhsuk-form-group--error rs-group-error\">{ErrorHtml(Id)}</div>");
    }
}
