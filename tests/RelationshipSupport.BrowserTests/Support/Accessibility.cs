using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RelationshipSupport.BrowserTests.Support;

/// <summary>axe-core checks on the page as the browser shows it now.</summary>
public static class Accessibility
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    /// <summary>Fails with every serious or critical violation listed: rule, impact, what to fix and where.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string description)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => BlockingImpacts.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, Describe(description, page.Url, blocking));
    }

    private static string Describe(string description, string url, List<AxeResultItem> violations)
    {
        var text = new StringBuilder($"axe found {violations.Count} serious or critical violation(s) on {description} ({url}):\n");
        foreach (var v in violations)
        {
            text.Append($"- {v.Id} [{v.Impact}]: {v.Help} ({v.HelpUrl})\n");
            foreach (var node in v.Nodes)
            {
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
                    .Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m));
                text.Append($"    at {node.Target}: {node.Html}\n      {string.Join("; ", checks)}\n");
            }
        }
        return text.ToString();
    }
}
