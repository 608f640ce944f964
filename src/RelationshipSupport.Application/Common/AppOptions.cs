namespace RelationshipSupport.Application.Common;

/// <summary>Configuration section <c>App</c>: facts about this installation that emails need.</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The address staff reach the site at (scheme and host, no trailing slash needed), used to build links in
    /// emails such as invitations. Requests cannot supply it: emails are built by handlers, outside HTTP.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The charity's name as reports print it ("Provider" on a report's cover, unless a report says otherwise).</summary>
    public string OrganisationName { get; set; } = "Relationship Support Service";

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> (which starts with '/') on this site.</summary>
    public string Link(string pathAndQuery) => PublicBaseUrl.TrimEnd('/') + pathAndQuery;
}
