using RelationshipSupport.Domain.Cases;
using RelationshipSupport.Domain.Programmes;

namespace RelationshipSupport.Domain.Referrals;

/// <summary>
/// The case after allocation: assessments, the offer of therapy, sessions within the programme's range, notes,
/// supervision, risk alerts, tasks and the ending. The rules live here; handlers load and save.
/// </summary>
public partial class Referral
{
    public DateTime? TherapyOfferedAtUtc { get; set; }
    public EndingKind? EndingKind { get; set; }
    public EndingReason? EndingReason { get; set; }
    public string? EndingNote { get; set; }
    /// <summary>When a short attendance summary was queued for the professional referrer (only with consent).</summary>
    public DateTime? ReferrerSummarySentAtUtc { get; set; }

    public List<Assessment> Assessments { get; set; } = [];
    public List<TherapySession> Sessions { get; set; } = [];
    public List<SessionExtension> SessionExtensions { get; set; } = [];
    public List<CaseNote> Notes { get; set; } = [];
    public List<SupervisionRecord> SupervisionRecords { get; set; } = [];
    public List<RiskAlert> RiskAlerts { get; set; } = [];
    public List<CaseTask> Tasks { get; set; } = [];

    public bool IsCase => Status is ReferralStatus.Allocated or ReferralStatus.InTherapy;

    /// <summary>
    /// Whether a client may be emailed about their case (session invitations and reminders, the ending's
    /// signposting): they gave an address and chose email as the way to contact them, and domestic abuse was ruled
    /// out at referral, so nothing about the service reaches an inbox an abusive partner may read.
    /// </summary>
    public bool AgreedToEmail(ReferralPerson person) =>
        !string.IsNullOrWhiteSpace(person.Email)
        && person.PreferredContact == PreferredContact.Email
        && DomesticAbuse == ScreeningAnswer.No;

    public IEnumerable<CaseAllocation> CurrentAllocations => Allocations.Where(a => a.EndedAtUtc is null);

    public bool IsAllocatedTo(string userId) => CurrentAllocations.Any(a => a.TherapistUserId == userId);

    /// <summary>
    /// The assessments the programme requires: one individual assessment for an individual client; for a couple a
    /// joint assessment, and an individual one per partner where the programme asks for them.
    /// </summary>
    public IReadOnlyList<(AssessmentKind Kind, int? PersonId)> RequiredAssessments(Programme programme)
    {
        if (ClientType == ClientType.Individual)
        {
            return [(AssessmentKind.Individual, Primary.Id)];
        }
        var required = new List<(AssessmentKind, int?)>();
        if (programme.IndividualAssessmentsForCouples)
        {
            required.AddRange(People.OrderBy(p => p.Role).Select(p => (AssessmentKind.Individual, (int?)p.Id)));
        }
        required.Add((AssessmentKind.Joint, null));
        return required;
    }

    /// <summary>Starts (as a draft) one of the required assessments; the author is the therapist starting it.</summary>
    public Assessment StartAssessment(Programme programme, AssessmentKind kind, int? personId, Actor therapist, DateTime nowUtc)
    {
        EnsureWorkedBy(therapist);
        if (Status != ReferralStatus.Allocated)
        {
            throw new DomainException("Assessments are held before therapy is offered.");
        }
        if (!RequiredAssessments(programme).Contains((kind, personId)))
        {
            throw new DomainException("This programme does not hold that assessment for this case.");
        }
        if (Assessments.Any(a => a.Kind == kind && a.PersonId == personId))
        {
            throw new DomainException("That assessment has already been started.");
        }
        var assessment = new Assessment
        {
            Kind = kind,
            PersonId = personId,
            AuthorUserId = therapist.UserId,
            AuthorName = therapist.Name,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
        Assessments.Add(assessment);
        Touch();
        return assessment;
    }

    /// <summary>Every required assessment is signed off.</summary>
    public bool AssessmentsSignedOff(Programme programme) =>
        RequiredAssessments(programme).All(r => Assessments.Any(a => a.Kind == r.Kind && a.PersonId == r.PersonId && a.Status == AssessmentStatus.SignedOff));

    /// <summary>Moves the case into therapy: only once every required assessment is signed off recommending therapy.</summary>
    public void OfferTherapy(Programme programme, Actor by, DateTime nowUtc)
    {
        EnsureWorkedBy(by);
        if (!AssessmentsSignedOff(programme))
        {
            throw new DomainException("Therapy can be offered only when every assessment has been signed off by a supervisor.");
        }
        if (Assessments.Any(a => a.Recommendation == AssessmentRecommendation.ReferElsewhere))
        {
            throw new DomainException("An assessment recommends referring elsewhere: end the case with signposting instead.");
        }
        MoveTo(ReferralStatus.InTherapy, by, nowUtc, "Assessments signed off; therapy offered");
        TherapyOfferedAtUtc = nowUtc;
    }

    /// <summary>Sessions that use the programme's allowance: all but cancelled ones.</summary>
    public int SessionsUsed => Sessions.Count(s => s.Counts);

    /// <summary>The programme's maximum plus the extra sessions a supervisor approved.</summary>
    public int SessionAllowance(Programme programme) =>
        programme.MaxSessions + SessionExtensions.Where(e => e.Status == ExtensionStatus.Approved).Sum(e => e.ExtraSessions);

    /// <summary>
    /// Schedules a session. <paramref name="therapistsOtherSessions"/> are the sessions (of any case) already held by
    /// the session's therapists: an overlap with one that is not cancelled is a double booking and is refused.
    /// </summary>
    public TherapySession ScheduleSession(
        Programme programme, DateTime startsAtUtc, int minutes, SessionMode mode, string? venue,
        string therapistUserId, string? coTherapistUserId, SessionClients clients,
        IEnumerable<TherapySession> therapistsOtherSessions, Actor by, DateTime nowUtc)
    {
        EnsureWorkedBy(by);
        if (Status != ReferralStatus.InTherapy)
        {
            throw new DomainException(Status == ReferralStatus.Allocated
                ? "Sessions can be scheduled once therapy has been offered (after the assessments are signed off)."
                : "Sessions can be scheduled only on an open case.");
        }
        if (minutes < 1 || minutes > programme.MaxSessionMinutes)
        {
            throw new DomainException($"A session lasts at most {programme.MaxSessionMinutes} minutes on this programme.");
        }
        if (mode == SessionMode.InPerson && string.IsNullOrWhiteSpace(venue))
        {
            throw new DomainException("Enter the venue for a session in person.");
        }
        if (!IsAllocatedTo(therapistUserId) || (coTherapistUserId is not null && (!IsAllocatedTo(coTherapistUserId) || coTherapistUserId == therapistUserId)))
        {
            throw new DomainException("A session is held by the case's therapists.");
        }
        if (ClientType == ClientType.Individual && clients != SessionClients.PrimaryOnly)
        {
            throw new DomainException("An individual case's sessions are for the client only.");
        }
        if (SessionsUsed + 1 > SessionAllowance(programme))
        {
            throw new DomainException(
                $"This case has used {SessionsUsed} of {SessionAllowance(programme)} sessions. More need a supervisor's approval: request extra sessions first.");
        }
        var holders = new[] { therapistUserId, coTherapistUserId }.OfType<string>().ToList();
        var clash = therapistsOtherSessions.Concat(Sessions)
            .Where(s => !s.IsCancelled)
            .FirstOrDefault(s => holders.Any(s.IsHeldBy) && s.Overlaps(startsAtUtc, minutes));
        if (clash is not null)
        {
            throw new DomainException("A therapist already has a session at that time. Choose another time.");
        }
        var session = new TherapySession
        {
            StartsAtUtc = startsAtUtc,
            Minutes = minutes,
            Mode = mode,
            Venue = mode == SessionMode.InPerson ? venue!.Trim() : null,
            TherapistUserId = therapistUserId,
            CoTherapistUserId = coTherapistUserId,
            ClientsExpected = clients,
            IsExtra = SessionsUsed + 1 > programme.MaxSessions,
            CreatedAtUtc = nowUtc,
            CreatedByUserId = by.UserId,
        };
        Sessions.Add(session);
        Touch();
        return session;
    }

    /// <summary>Asks a supervisor for sessions beyond the programme's maximum.</summary>
    public SessionExtension RequestExtraSessions(int extraSessions, string reason, Actor by, DateTime nowUtc)
    {
        EnsureWorkedBy(by);
        if (Status != ReferralStatus.InTherapy)
        {
            throw new DomainException("Extra sessions can be requested while the case is in therapy.");
        }
        if (extraSessions is < 1 or > 10)
        {
            throw new DomainException("Ask for between 1 and 10 extra sessions.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Give the reason extra sessions are needed.");
        }
        if (SessionExtensions.Any(e => e.Status == ExtensionStatus.Pending))
        {
            throw new DomainException("A request for extra sessions is already waiting for a supervisor.");
        }
        var request = new SessionExtension
        {
            ExtraSessions = extraSessions,
            Reason = reason.Trim(),
            RequestedByUserId = by.UserId,
            RequestedByName = by.Name,
            RequestedAtUtc = nowUtc,
        };
        SessionExtensions.Add(request);
        Touch();
        return request;
    }

    /// <summary>Records attendance; a client who did not attend gives the therapist a follow-up task for the next working day.</summary>
    public CaseTask? RecordAttendance(TherapySession session, AttendanceOutcome outcome, SessionClients? attended, string? reason, Actor by, DateTime nowUtc)
    {
        EnsureWorkedBy(by);
        if (!Sessions.Contains(session))
        {
            throw new DomainException("That session belongs to another case.");
        }
        if (!IsOpen)
        {
            throw new DomainException("This case has ended and can no longer be changed.");
        }
        session.RecordAttendance(outcome, attended, reason, by.UserId, nowUtc);
        Touch();
        if (outcome != AttendanceOutcome.DidNotAttend || Tasks.Any(t => t.SessionId == session.Id && session.Id != 0 && t.Kind == CaseTaskKind.DidNotAttendFollowUp))
        {
            return null;
        }
        var task = new CaseTask
        {
            SessionId = session.Id == 0 ? null : session.Id,
            Kind = CaseTaskKind.DidNotAttendFollowUp,
            Description = "Contact the client about the missed session and agree what happens next.",
            AssignedToUserId = session.TherapistUserId,
            DueOn = NextWorkingDay(UkTime.ToLocal(nowUtc)),
            CreatedAtUtc = nowUtc,
        };
        Tasks.Add(task);
        return task;
    }

    /// <summary>Raises a risk alert for the supervisor (high risk at assessment or in a session).</summary>
    public RiskAlert RaiseRisk(RiskAlertSource source, int? sourceId, RiskArea area, RiskLevel level, string? notes, string? supervisorUserId, Actor by, DateTime nowUtc)
    {
        var alert = new RiskAlert
        {
            Source = source,
            SourceId = sourceId,
            Area = area,
            Level = level,
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
            RaisedByUserId = by.UserId,
            RaisedByName = by.Name,
            RaisedAtUtc = nowUtc,
            SupervisorUserId = supervisorUserId,
        };
        RiskAlerts.Add(alert);
        return alert;
    }

    /// <summary>Adds a note (usually about a session) by one of the case's therapists; allowed on an ended case only as addenda.</summary>
    public CaseNote AddNote(int? sessionId, string text, Actor by, DateTime nowUtc)
    {
        // Ended first: ending ends the allocations, so the therapists would otherwise be told they are not the case's.
        if (!IsOpen)
        {
            throw new DomainException("This case has ended: add an addendum to an existing note instead.");
        }
        EnsureWorkedBy(by);
        if (sessionId is not null && Sessions.All(s => s.Id != sessionId))
        {
            throw new DomainException("That session belongs to another case.");
        }
        var note = new CaseNote { SessionId = sessionId, Text = CaseNote.Required(text), AuthorUserId = by.UserId, AuthorName = by.Name, CreatedAtUtc = nowUtc };
        Notes.Add(note);
        return note;
    }

    /// <summary>
    /// Ends the case, planned or not, with a reason and the signposting given; the therapists' allocations end with it
    /// (their capacity is free again) and the case becomes read-only except for addenda.
    /// </summary>
    public void EndCase(EndingKind kind, EndingReason reason, string? note, IReadOnlyCollection<int> signpostingIds, Actor by, DateTime nowUtc)
    {
        if (!IsCase)
        {
            throw new DomainException("Only an allocated case or one in therapy can be ended.");
        }
        if (!IsAllocatedTo(by.UserId) && !by.IsSupervisor)
        {
            throw new DomainException("Only the case's therapists or a supervisor can end it.");
        }
        if (reason == Cases.EndingReason.Other && string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("Say why the case ended.");
        }
        if (kind == Cases.EndingKind.Planned && reason is not (Cases.EndingReason.Completed or Cases.EndingReason.ReferredElsewhere or Cases.EndingReason.Other))
        {
            throw new DomainException("A planned ending is for completed therapy or a referral elsewhere; choose an unplanned ending for this reason.");
        }
        MoveTo(ReferralStatus.Ended, by, nowUtc, $"{(kind == Cases.EndingKind.Planned ? "Planned" : "Unplanned")} ending: {CaseText.Describe(reason).ToLowerInvariant()}");
        EndingKind = kind;
        EndingReason = reason;
        EndingNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        foreach (var allocation in CurrentAllocations.ToList())
        {
            allocation.EndedAtUtc = nowUtc;
        }
        foreach (var id in signpostingIds.Distinct())
        {
            Signposting.Add(new ReferralSignposting { SignpostingEntryId = id, Stage = SignpostingStage.Ending, AtUtc = nowUtc, ByUserId = by.UserId });
        }
        foreach (var task in Tasks.Where(t => t.IsOpen))
        {
            task.DoneAtUtc = nowUtc;
            task.DoneByUserId = by.UserId;
            task.Outcome = "Case ended";
        }
    }

    /// <summary>The case's therapists: the current allocations, or on an ended case those that ended with it (not earlier reallocations).</summary>
    public IEnumerable<CaseAllocation> CaseTherapists => Allocations.Where(a => a.EndedAtUtc is null || a.EndedAtUtc == ClosedAtUtc);

    /// <summary>Whether <paramref name="userId"/> was one of the therapists when the case ended (or is one now).</summary>
    public bool WasWorkedBy(string userId) => CaseTherapists.Any(a => a.TherapistUserId == userId);

    private void EnsureWorkedBy(Actor by)
    {
        // Ended first: ending ends the allocations, so the therapists would otherwise be told they are not the case's.
        if (!IsOpen)
        {
            throw new DomainException("This case has ended and can no longer be changed.");
        }
        if (!IsAllocatedTo(by.UserId))
        {
            throw new DomainException("Only the case's therapists can do this.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();

    private static DateOnly NextWorkingDay(DateTime ukDate)
    {
        var day = DateOnly.FromDateTime(ukDate).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        return day;
    }
}
