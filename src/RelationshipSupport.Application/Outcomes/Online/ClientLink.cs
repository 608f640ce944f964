using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RelationshipSupport.Application.Auditing;
using RelationshipSupport.Application.Data;
using RelationshipSupport.Domain.Outcomes;

namespace RelationshipSupport.Application.Outcomes.Online;

/// <summary>Why a client's private link does not open their questionnaires; each has its own page and status code.</summary>
public enum LinkRefusal
{
    /// <summary>No request has this token: mistyped, tampered with, made up, or replaced by a newer link (404).</summary>
    NotValid = 1,
    /// <summary>The link's time ran out before the client submitted (410).</summary>
    Expired = 2,
    /// <summary>The therapist cancelled these questionnaires (410).</summary>
    Cancelled = 3,
    /// <summary>The client already submitted them: a thank-you, not an error (200).</summary>
    AlreadySubmitted = 4,
}

/// <summary>
/// Finds a client's questionnaire request by the token in their link (only its hash is stored) and decides whether the
/// link still works. Everything a client does is keyed by the token alone: no request, response or person id comes from
/// the page, so a changed hidden field cannot reach another client's questionnaire. Refusals are audited with the
/// reason and, when the request is known, its id and case; never the token.
/// </summary>
internal static partial class ClientLink
{
    /// <summary>The request with its instruments and answers (tracked, so a handler can change it), or null.</summary>
    public static async Task<QuestionnaireRequest?> FindAsync(AppDbContext db, string? token, bool tracking, CancellationToken cancellationToken)
    {
        // A link is 43 base64url characters (256 random bits); anything else is not worth a database query.
        if (token is null || !TokenPattern().IsMatch(token))
        {
            return null;
        }
        var hash = QuestionnaireRequest.HashToken(token);
        var query = db.QuestionnaireRequests
            .Include(q => q.Responses).ThenInclude(r => r.Instrument)
            .Include(q => q.Responses).ThenInclude(r => r.Answers)
            .AsSplitQuery();
        return await (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(q => q.TokenHash == hash, cancellationToken);
    }

    /// <summary>Null when the client may answer now; otherwise why not. Submitted comes first: a thank-you outlives the link.</summary>
    public static LinkRefusal? Check(QuestionnaireRequest? request, DateTime nowUtc) => request switch
    {
        null => LinkRefusal.NotValid,
        { Status: QuestionnaireStatus.Completed } => LinkRefusal.AlreadySubmitted,
        { Status: QuestionnaireStatus.Cancelled } => LinkRefusal.Cancelled,
        _ when !request.LinkWorks(nowUtc) => LinkRefusal.Expired,
        _ => null,
    };

    public static Task<string?> ReferenceAsync(AppDbContext db, QuestionnaireRequest request, CancellationToken cancellationToken) =>
        db.Referrals.Where(r => r.Id == request.ReferralId).Select(r => r.Reference).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Audits a refused link (as a read: nothing changed): the reason, the page, and the request when known.</summary>
    public static async Task AuditRefusalAsync(
        AppDbContext db, AuditLog audit, LinkRefusal refusal, QuestionnaireRequest? request, string page, CancellationToken cancellationToken)
    {
        var reference = request is null ? null : await ReferenceAsync(db, request, cancellationToken);
        audit.RecordRead(AuditActions.QuestionnaireLinkRefused, "Referral", reference,
            $"reason={refusal}; page={page}"
            + (request is null ? "" : $"; request={request.Id.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>The request's instruments in the order the client answers them (step 1 first).</summary>
    public static List<QuestionnaireResponse> Steps(QuestionnaireRequest request) =>
        request.Responses.OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToList();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenPattern();
}
