namespace RelationshipSupport.Domain.Cases;

/// <summary>
/// A clinical note on a case (usually about one session). Only the case's therapists and their supervisor read the
/// text; others see that a note exists. Its author may edit it for <see cref="EditWindow"/>, after which it is locked
/// and corrections are addenda. Never logged, never emailed.
/// </summary>
public class CaseNote
{
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(24);
    public const int MaxLength = 20_000;

    public int Id { get; set; }
    public int ReferralId { get; set; }
    public int? SessionId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? EditedAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<CaseNoteAddendum> Addenda { get; set; } = [];

    public DateTime LocksAtUtc => CreatedAtUtc + EditWindow;

    public bool IsLocked(DateTime nowUtc) => nowUtc >= LocksAtUtc;

    public bool CanBeEditedBy(string userId, DateTime nowUtc) => userId == AuthorUserId && !IsLocked(nowUtc);

    public void Edit(string text, string byUserId, DateTime nowUtc)
    {
        if (byUserId != AuthorUserId)
        {
            throw new DomainException("Only the author can change a note. Add an addendum instead.");
        }
        if (IsLocked(nowUtc))
        {
            throw new DomainException("This note is locked. Add an addendum to correct or add to it.");
        }
        Text = Required(text);
        EditedAtUtc = nowUtc;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public CaseNoteAddendum AddAddendum(string text, string byUserId, string byName, DateTime nowUtc)
    {
        var addendum = new CaseNoteAddendum { Text = Required(text), AuthorUserId = byUserId, AuthorName = byName, AtUtc = nowUtc };
        Addenda.Add(addendum);
        return addendum;
    }

    internal static string Required(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("Enter the note.");
        }
        if (text.Length > MaxLength)
        {
            throw new DomainException($"A note must be {MaxLength:N0} characters or fewer.");
        }
        return text.Trim();
    }
}

public class CaseNoteAddendum
{
    public int Id { get; set; }
    public int CaseNoteId { get; set; }
    public string AuthorUserId { get; set; } = "";
    public string AuthorName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime AtUtc { get; set; }
}
