using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain;
using RelationshipSupport.Domain.Cases;

namespace RelationshipSupport.Application.Cases.Notes;

/// <summary>What the notes use cases share: how a session is named, and the repeat-post check by form id.</summary>
public static class NoteSupport
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string SessionLabel(TherapySession session) =>
        "Session on " + UkTime.ToLocal(session.StartsAtUtc).ToString("ddd d MMM yyyy, HH:mm", Uk);

    /// <summary>The audit detail that marks a form as already sent (the form id; never the text).</summary>
    public static string FormMark(Guid formId) => $"form={formId:N}";

    /// <summary>Whether a change from this form (a double click, a refresh) is already recorded.</summary>
    public static Task<bool> AlreadySentAsync(AppDbContext db, string action, string reference, Guid formId, CancellationToken ct)
    {
        var mark = FormMark(formId);
        return db.AuditEntries.AnyAsync(a => a.Action == action && a.EntityId == reference && a.Detail != null && a.Detail.StartsWith(mark), ct);
    }
}
