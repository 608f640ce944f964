namespace RelationshipSupport.Domain.Cases;

/// <summary>
/// One therapy session of a case: when, how long, how, who holds it (one therapist or two) and who is expected;
/// then what happened. Times are stored in UTC; pages show UK time (<see cref="Common.UkTime"/>).
/// </summary>
public class TherapySession
{
    public int Id { get; set; }
    public int ReferralId { get; set; }

    public DateTime StartsAtUtc { get; set; }
    public int Minutes { get; set; }
    public SessionMode Mode { get; set; }
    /// <summary>Where, for a session in person.</summary>
    public string? Venue { get; set; }
    public string TherapistUserId { get; set; } = "";
    /// <summary>The co-therapist, when two hold the session.</summary>
    public string? CoTherapistUserId { get; set; }
    public SessionClients ClientsExpected { get; set; }

    /// <summary>Beyond the programme's maximum: allowed by an approved <see cref="SessionExtension"/>.</summary>
    public bool IsExtra { get; set; }

    public AttendanceOutcome? Attendance { get; set; }
    /// <summary>Who came, when the session took place.</summary>
    public SessionClients? ClientsAttended { get; set; }
    /// <summary>Why the service cancelled (required then), or a note about a client's cancellation.</summary>
    public string? CancellationReason { get; set; }
    public DateTime? AttendanceRecordedAtUtc { get; set; }
    public string? AttendanceRecordedByUserId { get; set; }

    public DateTime? ReminderSentAtUtc { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public DateTime EndsAtUtc => StartsAtUtc.AddMinutes(Minutes);

    public bool IsCancelled => Attendance is AttendanceOutcome.CancelledByClient or AttendanceOutcome.CancelledByService;

    /// <summary>Whether it uses one of the programme's sessions: every session except a cancelled one.</summary>
    public bool Counts => !IsCancelled;

    public bool IsHeldBy(string userId) => TherapistUserId == userId || CoTherapistUserId == userId;

    public bool Overlaps(DateTime startsAtUtc, int minutes) => StartsAtUtc < startsAtUtc.AddMinutes(minutes) && startsAtUtc < EndsAtUtc;

    /// <summary>Records what happened; a session in the future cannot have been attended.</summary>
    public void RecordAttendance(AttendanceOutcome outcome, SessionClients? attended, string? reason, string byUserId, DateTime nowUtc)
    {
        if (outcome is AttendanceOutcome.Attended or AttendanceOutcome.Late or AttendanceOutcome.DidNotAttend && StartsAtUtc > nowUtc)
        {
            throw new DomainException("This session has not started yet: only a cancellation can be recorded now.");
        }
        if (outcome is AttendanceOutcome.Attended or AttendanceOutcome.Late && attended is null)
        {
            throw new DomainException("Say who attended.");
        }
        if (outcome == AttendanceOutcome.CancelledByService && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Give the reason the service cancelled.");
        }
        Attendance = outcome;
        ClientsAttended = outcome is AttendanceOutcome.Attended or AttendanceOutcome.Late ? attended : null;
        CancellationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        AttendanceRecordedAtUtc = nowUtc;
        AttendanceRecordedByUserId = byUserId;
        ConcurrencyStamp = Guid.NewGuid();
    }
}

/// <summary>A therapist's request for sessions beyond the programme's maximum, decided by a supervisor.</summary>
public class SessionExtension
{
    public int Id { get; set; }
    public int ReferralId { get; set; }
    public int ExtraSessions { get; set; }
    public string Reason { get; set; } = "";
    public string RequestedByUserId { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public DateTime RequestedAtUtc { get; set; }
    public ExtensionStatus Status { get; set; } = ExtensionStatus.Pending;
    public string? DecidedByUserId { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public string? DecisionNote { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public void Decide(Referrals.Actor supervisor, bool approve, string? note, DateTime nowUtc)
    {
        if (!supervisor.IsSupervisor)
        {
            throw new DomainException("Only a supervisor can approve extra sessions.");
        }
        if (supervisor.UserId == RequestedByUserId)
        {
            throw new DomainException("A supervisor cannot approve their own request.");
        }
        if (Status != ExtensionStatus.Pending)
        {
            throw new DomainException("This request has already been decided.");
        }
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Give a reason for declining.");
        }
        Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Declined;
        DecidedByUserId = supervisor.UserId;
        DecidedByName = supervisor.Name;
        DecidedAtUtc = nowUtc;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ConcurrencyStamp = Guid.NewGuid();
    }
}
