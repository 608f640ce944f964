using System.Security.Cryptography;
using System.Text;
using RelationshipSupport.Domain.Referrals;

namespace RelationshipSupport.Domain.Outcomes;

public enum QuestionnaireStatus
{
    /// <summary>Created (and perhaps sent); nothing answered yet.</summary>
    Pending = 1,
    /// <summary>Some answers saved: the client can come back to it.</summary>
    InProgress = 2,
    Completed = 3,
    Cancelled = 4,
}

public enum CompletionMode
{
    /// <summary>The client answered through their private link.</summary>
    Online = 1,
    /// <summary>A therapist entered the client's answers from paper or in a session.</summary>
    EnteredByTherapist = 2,
}

/// <summary>
/// One client's questionnaires for one timepoint of their case (a "sitting"): the instruments the programme gives
/// then, each pinned to the version in force when it was asked for. The client answers through a private link
/// (only the hash of the link's token is stored) or a therapist enters their answers; completing it scores every
/// instrument with its own version's rules and reports the risk answers.
/// </summary>
public class QuestionnaireRequest
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    /// <summary>The client who answers: each partner has their own request, and sees only their own.</summary>
    public int PersonId { get; set; }
    public Timepoint Timepoint { get; set; }
    public int? SessionId { get; set; }
    public QuestionnaireStatus Status { get; set; } = QuestionnaireStatus.Pending;
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public DateTime DueAtUtc { get; set; }

    /// <summary>SHA-256 of the link's token, hex; null until a link is sent. Sending again replaces it.</summary>
    public string? TokenHash { get; set; }
    public DateTime? LinkExpiresAtUtc { get; set; }
    public DateTime? LinkSentAtUtc { get; set; }

    public CompletionMode? Mode { get; set; }
    public DateTime? CompletedAtUtc { get; set; }
    public string? EnteredByUserId { get; set; }
    public string? EnteredByName { get; set; }
    public DateTime? CancelledAtUtc { get; set; }

    /// <summary>End of service: what the client wrote about the service, in their words (shown to clinicians and managers).</summary>
    public string? FeedbackComment { get; set; }
    /// <summary>End of service: the client allows the comment to be quoted, unnamed, in reports.</summary>
    public bool MayQuoteFeedback { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<QuestionnaireResponse> Responses { get; set; } = [];

    public bool IsOpen => Status is QuestionnaireStatus.Pending or QuestionnaireStatus.InProgress;
    public bool IsOverdue(DateTime nowUtc) => IsOpen && DueAtUtc < nowUtc;

    public static QuestionnaireRequest Create(
        int referralId, int personId, Timepoint timepoint, int? sessionId, IReadOnlyList<Instrument> instruments,
        DateTime dueAtUtc, Actor by, DateTime nowUtc)
    {
        if (instruments.Count == 0)
        {
            throw new DomainException("The programme gives no questionnaires at this point.");
        }
        if (instruments.Any(i => i.IsRetired))
        {
            throw new DomainException("A retired questionnaire cannot be given.");
        }
        return new QuestionnaireRequest
        {
            ReferralId = referralId,
            PersonId = personId,
            Timepoint = timepoint,
            SessionId = sessionId,
            CreatedAtUtc = nowUtc,
            CreatedByUserId = by.UserId,
            DueAtUtc = dueAtUtc,
            Responses = instruments.Select((instrument, index) => new QuestionnaireResponse
            {
                InstrumentId = instrument.Id,
                Instrument = instrument,
                InstrumentCode = instrument.Code,
                SortOrder = index,
            }).ToList(),
        };
    }

    /// <summary>
    /// Makes a new private link and returns its token (to put in the email, never stored): 256 random bits, so it
    /// cannot be guessed. Any earlier link for this request stops working.
    /// </summary>
    public string IssueLink(DateTime nowUtc, TimeSpan validFor)
    {
        EnsureOpen();
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        TokenHash = HashToken(token);
        LinkSentAtUtc = nowUtc;
        LinkExpiresAtUtc = nowUtc + validFor;
        ConcurrencyStamp = Guid.NewGuid();
        return token;
    }

    public static string HashToken(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the client's link still lets them answer: not completed, not cancelled, not expired.</summary>
    public bool LinkWorks(DateTime nowUtc) => IsOpen && TokenHash is not null && LinkExpiresAtUtc > nowUtc;

    /// <summary>Saves (replaces) the answers to one instrument; the client or therapist can come back to the rest.</summary>
    public void SaveAnswers(int responseId, IReadOnlyDictionary<int, int> answers, DateTime nowUtc) =>
        SaveAnswers(Responses.SingleOrDefault(r => r.Id == responseId)
            ?? throw new DomainException("That questionnaire is not part of this request."), answers, nowUtc);

    /// <inheritdoc cref="SaveAnswers(int, IReadOnlyDictionary{int, int}, DateTime)"/>
    public void SaveAnswers(QuestionnaireResponse response, IReadOnlyDictionary<int, int> answers, DateTime nowUtc)
    {
        EnsureOpen();
        if (!Responses.Contains(response))
        {
            throw new DomainException("That questionnaire is not part of this request.");
        }
        // Scoring checks every answer against the version's items and options before anything changes.
        ScoringEngine.Score(response.Definition, answers);
        response.Answers.RemoveAll(a => !answers.ContainsKey(a.ItemNumber));
        foreach (var (number, value) in answers)
        {
            var existing = response.Answers.SingleOrDefault(a => a.ItemNumber == number);
            if (existing is null)
            {
                response.Answers.Add(new QuestionnaireAnswer { ItemNumber = number, Value = value });
            }
            else
            {
                existing.Value = value;
            }
        }
        response.SavedAtUtc = nowUtc;
        Status = QuestionnaireStatus.InProgress;
        ConcurrencyStamp = Guid.NewGuid();
    }

    /// <summary>
    /// Completes the request: scores every instrument with its own version (linked items, such as CORE-10 item 6
    /// in the Risk score, come from this sitting's other answers) and returns the risk answers, which the caller
    /// must raise with the case's clinicians.
    /// </summary>
    public IReadOnlyList<RiskFlag> Complete(CompletionMode mode, Actor? enteredBy, DateTime nowUtc)
    {
        EnsureOpen();
        if (mode == CompletionMode.EnteredByTherapist && enteredBy is null)
        {
            throw new DomainException("Answers entered on a client's behalf must say who entered them.");
        }
        if (Responses.All(r => r.Answers.Count == 0))
        {
            throw new DomainException("No question has been answered.");
        }

        var linked = Responses
            .SelectMany(r => r.Answers.Select(a => (Key: $"{r.InstrumentCode}:{a.ItemNumber}", a.Value)))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.OrdinalIgnoreCase);
        var flags = new List<RiskFlag>();
        foreach (var response in Responses)
        {
            var outcome = ScoringEngine.Score(response.Definition, response.AnswerMap(), linked);
            response.Scores = outcome.Scores.Select(s => new QuestionnaireScore
            {
                ScoreKey = s.Key,
                Value = s.Value,
                ItemsAnswered = s.ItemsAnswered,
                ItemsInScore = s.ItemsInScore,
                Prorated = s.Prorated,
                IsClinical = s.IsClinical,
                Band = s.Band,
            }).ToList();
            flags.AddRange(outcome.RiskFlags);
        }

        Status = QuestionnaireStatus.Completed;
        Mode = mode;
        CompletedAtUtc = nowUtc;
        EnteredByUserId = enteredBy?.UserId;
        EnteredByName = enteredBy?.Name;
        ConcurrencyStamp = Guid.NewGuid();
        return flags;
    }

    public const int MaxFeedbackLength = 2000;

    /// <summary>Saves the end-of-service comment and whether it may be quoted; only at the end of a case.</summary>
    public void SaveFeedback(string? comment, bool mayQuote)
    {
        EnsureOpen();
        if (Timepoint != Timepoint.End)
        {
            throw new DomainException("Feedback about the service is asked for at the end of the sessions.");
        }
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text?.Length > MaxFeedbackLength)
        {
            throw new DomainException($"Feedback can be at most {MaxFeedbackLength:N0} characters.");
        }
        FeedbackComment = text;
        MayQuoteFeedback = text is not null && mayQuote;
        ConcurrencyStamp = Guid.NewGuid();
    }

    public void Cancel(DateTime nowUtc)
    {
        EnsureOpen();
        Status = QuestionnaireStatus.Cancelled;
        CancelledAtUtc = nowUtc;
        ConcurrencyStamp = Guid.NewGuid();
    }

    private void EnsureOpen()
    {
        if (Status == QuestionnaireStatus.Completed)
        {
            throw new DomainException("These questionnaires have already been completed.");
        }
        if (Status == QuestionnaireStatus.Cancelled)
        {
            throw new DomainException("These questionnaires were cancelled.");
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>One instrument within a request, pinned to a version.</summary>
public class QuestionnaireResponse
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public int InstrumentId { get; set; }
    public Instrument? Instrument { get; set; }
    /// <summary>Copied from the instrument, so reports can select by code without the definition.</summary>
    public string InstrumentCode { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime? SavedAtUtc { get; set; }
    public List<QuestionnaireAnswer> Answers { get; set; } = [];
    public List<QuestionnaireScore> Scores { get; set; } = [];

    public InstrumentDefinition Definition =>
        (Instrument ?? throw new InvalidOperationException("Load the response's instrument with it.")).Definition;

    public IReadOnlyDictionary<int, int> AnswerMap() => Answers.ToDictionary(a => a.ItemNumber, a => a.Value);
}

/// <summary>An answered item; an item left unanswered has no row.</summary>
public class QuestionnaireAnswer
{
    public int Id { get; set; }
    public int ResponseId { get; set; }
    public int ItemNumber { get; set; }
    public int Value { get; set; }
}

/// <summary>A score as computed at completion with the response's version (kept, so reports read it directly).</summary>
public class QuestionnaireScore
{
    public int Id { get; set; }
    public int ResponseId { get; set; }
    public string ScoreKey { get; set; } = "";
    /// <summary>Null when too many items were missing to score.</summary>
    public double? Value { get; set; }
    public int ItemsAnswered { get; set; }
    public int ItemsInScore { get; set; }
    public bool Prorated { get; set; }
    public bool? IsClinical { get; set; }
    public string? Band { get; set; }

    /// <summary>Why there is no value (too many items unanswered); null when scored.</summary>
    public string? NotScoredReason => Value is null ? ScoreResult.NotScored(ItemsAnswered, ItemsInScore) : null;
}
