using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RelationshipSupport.Tests.Support;

/// <summary>
/// A form as a browser would submit it: every field of the rendered form (hidden antiforgery token
/// included), checked boxes only, with the test's values laid over the top.
/// </summary>
public sealed class HtmlForm
{
    private HtmlForm(IHtmlDocument document, IHtmlFormElement form, string url)
    {
        Document = document;
        Form = form;
        Url = url;
    }

    public IHtmlDocument Document { get; }
    public IHtmlFormElement Form { get; }
    public string Url { get; }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<HtmlForm> GetAsync(HttpClient client, string url, string formSelector = "main form[method=post]")
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return FromResponse(await ParseAsync(response), url, formSelector);
    }

    public static HtmlForm FromResponse(IHtmlDocument document, string url, string formSelector = "main form[method=post]")
    {
        var form = document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}");
        return new HtmlForm(document, form, url);
    }

    /// <summary>The fields the browser would send, before the test's changes.</summary>
    public List<KeyValuePair<string, string>> CurrentFields()
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in Form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
                    if (input.Type is "submit" or "button") continue;
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        return fields;
    }

    /// <summary>
    /// Posts the form. Each value replaces the field's current values; a value of the form "a|b" sends several
    /// values (checkbox groups); null removes the field. <paramref name="action"/> posts it somewhere else (as a
    /// tampered form would).
    /// </summary>
    public Task<HttpResponseMessage> PostAsync(HttpClient client, Dictionary<string, string?> values, string? action = null)
    {
        var fields = CurrentFields();
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is null) continue;
            foreach (var v in value.Split('|')) fields.Add(new(name, v));
        }
        action ??= string.IsNullOrEmpty(Form.GetAttribute("action")) ? Url : Form.GetAttribute("action")!;
        return client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static IReadOnlyList<string> ErrorSummary(IDocument document) =>
        document.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();
}
