using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using RelationshipSupport.Application.Identity;
using RelationshipSupport.Tests.Support;
using RelationshipSupport.TestSupport;

namespace RelationshipSupport.Tests.Admin;

/// <summary>What the questionnaire settings tests share: signing in as a known administrator, uploading a file as a browser would, and the example definition.</summary>
public static class InstrumentSteps
{
    public const string UploadUrl = "/admin/instruments/upload";

    private static int _counter;

    /// <summary>A questionnaire code no other test uses (codes are at most 32 characters).</summary>
    public static string UniqueCode(string stem) => $"{stem}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}"[..Math.Min(32, stem.Length + 10)];

    /// <summary>An administrator, and a client signed in as them through the real login form.</summary>
    public static async Task<(StaffUser Admin, HttpClient Client)> AdministratorAsync(TestApp app)
    {
        var admin = await app.CreateUserAsync(Roles.Administrator);
        var client = app.CreateBrowserLikeClient();
        var form = await HtmlForm.GetAsync(client, "/account/login");
        var response = await form.PostAsync(client, new() { ["Input.Email"] = admin.Email!, ["Input.Password"] = TestApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (admin, client);
    }

    /// <summary>Posts a file through the upload page's form (antiforgery token included), as a browser sends it.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? text, string fileName = "definition.json")
    {
        var form = await HtmlForm.GetAsync(client, UploadUrl);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.CurrentFields())
        {
            content.Add(new StringContent(value), name);
        }
        if (text is not null)
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            content.Add(file, "DefinitionFile", fileName);
        }
        return await client.PostAsync(UploadUrl, content);
    }

    /// <summary>The example of a service's own questionnaire, as the repository ships it.</summary>
    public static string ExampleText() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "examples", "couple-communication.json"));

    /// <summary>The example with another code (and any other change), for tests that must not share a code.</summary>
    public static string Example(string code, Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(ExampleText(), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["code"] = code;
        change?.Invoke(json);
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipSupport.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (RelationshipSupport.sln) was not found above the test's folder.");
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await HtmlForm.ParseAsync(response);
    }
}
