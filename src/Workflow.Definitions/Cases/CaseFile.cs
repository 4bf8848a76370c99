using System.Text.Json.Serialization;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Cases;

/// <summary>
/// Everything a case (办件) knows: its materials, commitments, notices, opinions, clock suspensions, steps and
/// result. It lives inside the case's workflow instance (variable <see cref="VariableName"/>), so that it changes
/// in the same transaction and under the same row version as the workflow; the case and step tables are
/// projections of it. Its state changes only through its methods, each named for what happened in the domain; the
/// private setters are for the JSON reader alone (<c>[JsonInclude]</c>), so stored case files load as they always did.
/// </summary>
public sealed class CaseFile
{
    /// <summary>The workflow variable that holds the case file.</summary>
    public const string VariableName = "permitCase";

    /// <summary>The case number every desk quotes (C + 12 hex digits at filing); the key of its <c>permit_cases</c> row.</summary>
    public required string CaseId { get; init; }
    /// <summary>The number people read and search (<c>2026-3-000123</c>), stamped when the case is filed (docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }
    /// <summary>The query code printed on the acceptance notice for the public progress lookup.</summary>
    public string? QueryCode { get; init; }
    /// <summary>The registered project the application belongs to.</summary>
    public required string ProjectId { get; init; }
    /// <summary>The project's name as it stood at filing, so lists and notices need not read the project.</summary>
    public string ProjectName { get; init; } = "";
    /// <summary>The project agent (user name) who filed it.</summary>
    public string Agent { get; init; } = "";
    /// <summary>The construction stage applied for; null when the workflow was started without a filing (Studio run, CLI).</summary>
    public Stage? Stage { get; init; }
    /// <summary>The matters applied for.</summary>
    public List<string> Matters { get; init; } = [];
    /// <summary>Key project: shorter promised limits and inbox priority (绿色通道).</summary>
    public bool GreenChannel { get; init; }
    /// <summary>The working-day calendar the case's clocks count on (docs/calendars.md).</summary>
    public string CalendarId { get; init; } = "cn-mainland";
    /// <summary>
    /// Where the case stands in the permit process (docs/domain.md, "The read side"); changed only by the permit
    /// activities.
    /// </summary>
    [JsonInclude]
    public CaseState State { get; private set; } = CaseState.Submitted;
    /// <summary>When the agent filed the application; the intake step's clock starts here.</summary>
    public required Instant SubmittedAt { get; init; }
    /// <summary>受理 time: the case's clocks start here (the day itself is not counted).</summary>
    [JsonInclude]
    public Instant? AcceptedAt { get; private set; }
    /// <summary>视为受理: the intake clock ran out with no decision, so the case counts as accepted on the day its materials were received (docs/domain.md, *The intake clock*).</summary>
    [JsonInclude]
    public bool DeemedAccepted { get; private set; }
    /// <summary>
    /// 法定时限 of the whole case in working days, counted from <see cref="AcceptedAt"/> (docs/calendars.md, "The deadline
    /// rule").
    /// </summary>
    [JsonInclude]
    public int StatutoryLimit { get; private set; }
    /// <summary>承诺时限 of the whole case in working days (the stage's promised limit, shorter in the green channel).</summary>
    [JsonInclude]
    public int PromisedLimit { get; private set; }
    /// <summary>When the statutory limit runs out, suspensions included; null until the case is accepted.</summary>
    [JsonInclude]
    public Instant? StatutoryDue { get; private set; }
    /// <summary>When the promised limit runs out, suspensions included; null until the case is accepted.</summary>
    [JsonInclude]
    public Instant? PromisedDue { get; private set; }
    /// <summary>
    /// Every material the matters require, with whether it has been handed in; changed through <see cref="Supply"/>.
    /// </summary>
    public List<MaterialRecord> Materials { get; init; } = [];
    /// <summary>The applicant's commitments (承诺) to supply waived materials later; the result waits while one is open.</summary>
    public List<Commitment> Commitments { get; init; } = [];
    /// <summary>The one-time notices (一次性告知) issued to the applicant, each listing every material missing.</summary>
    public List<OneTimeNotice> Notices { get; init; } = [];
    /// <summary>The opinions recorded on the case, one per step acted, in order.</summary>
    public List<CaseOpinion> Opinions { get; init; } = [];
    /// <summary>When the case's clocks stood still (every supplement request of any step, special procedures).</summary>
    public List<ClockSuspension> Suspensions { get; init; } = [];
    /// <summary>
    /// Every human step of the case with its history, open and closed; projected into <c>permit_steps</c> on every
    /// save.
    /// </summary>
    public List<StepRecord> Steps { get; init; } = [];
    /// <summary>The repeated returns (反复退件) counted on this case (docs/supervision.md, "Repeated returns").</summary>
    public List<RepeatedReturn> RepeatedReturns { get; init; } = [];
    /// <summary>The issued decision and certificate; null until the result is issued.</summary>
    [JsonInclude]
    public CaseResult? Result { get; private set; }
    /// <summary>The version of the calendar the due instants were last computed on.</summary>
    [JsonInclude]
    public string? CalendarVersion { get; private set; }
    /// <summary>Due instants a new calendar version moved (audit trail of recomputations).</summary>
    public List<ClockChange> ClockChanges { get; init; } = [];
    /// <summary>The workflow the case runs, as chosen by the binding in force when it was filed (null for cases filed before bindings).</summary>
    public CaseWorkflow? Workflow { get; init; }

    // ---- behaviour: the changes the activities and desks make to the case, its steps, clocks and materials, each in one place ----

    /// <summary>
    /// 受理: the window accepted the case at <paramref name="at"/>; its clocks start there on the limits (in working days) of
    /// the stage or matters applied for, and the departments' review begins.
    /// </summary>
    public void Accept(Instant at, int statutoryLimit, int promisedLimit)
    {
        AcceptedAt = at;
        (StatutoryLimit, PromisedLimit) = (statutoryLimit, promisedLimit);
        State = CaseState.InReview;
    }

    /// <summary>
    /// 视为受理: the intake clock ran out undecided, so the case counts as accepted at <paramref name="receivedAt"/> (when the
    /// window received its materials; docs/domain.md, *The intake clock*).
    /// </summary>
    public void DeemAccepted(Instant receivedAt, int statutoryLimit, int promisedLimit)
    {
        Accept(receivedAt, statutoryLimit, promisedLimit);
        DeemedAccepted = true;
    }

    /// <summary>The window issued a one-time notice: the case waits for the applicant's supplement (待补正).</summary>
    public void AwaitSupplement() => State = CaseState.WaitingForSupplement;

    /// <summary>不予受理: the window refused the application; the case is closed.</summary>
    public void Refuse() => State = CaseState.Refused;

    /// <summary>The reviews passed but waived materials are still owed: the result waits for the open commitments.</summary>
    public void AwaitCommitments() => State = CaseState.AwaitingCommitments;

    /// <summary>Every commitment was kept: a case that waited for them is in review again (its result can be issued).</summary>
    public void CommitmentsKept()
    {
        if (State == CaseState.AwaitingCommitments) State = CaseState.InReview;
    }

    /// <summary>
    /// 出件: the result is issued; the case closes as issued, revoked or rejected after <see cref="CaseResult.Decision"/>
    /// (<see cref="CaseDecisions"/>).
    /// </summary>
    public void Issue(CaseResult result)
    {
        Result = result;
        State = result.Decision switch
        {
            CaseDecisions.Approved => CaseState.Issued,
            CaseDecisions.Revoked => CaseState.Revoked,
            _ => CaseState.Rejected,
        };
    }

    /// <summary>
    /// Records the due instants of the case's clocks as computed on <paramref name="calendarVersion"/>; without
    /// <paramref name="due"/> (no clocks yet: not accepted) the stored ones stay (<see cref="CaseClocks.Refresh"/>).
    /// </summary>
    internal void RecordDue(string calendarVersion, (Instant? Statutory, Instant? Promised)? due)
    {
        CalendarVersion = calendarVersion;
        if (due is { } d) (StatutoryDue, PromisedDue) = d;
    }

    /// <summary>Closes a step with the outcome acted and records the opinion on the case.</summary>
    public void CloseStep(StepRecord step, string outcome, StepAction action, Instant now)
    {
        Resume(step, now);
        step.State = StepState.Completed;
        step.Outcome = outcome;
        step.Opinion = action.Opinion;
        step.Conditions = [.. action.Conditions];
        step.Actor = action.Actor;
        step.CompletedAt = now;
        step.BookmarkId = null;
        step.Version++;
        Opinions.Add(new CaseOpinion(step.Id, step.Department, action.Actor, outcome, action.Opinion, action.Conditions, now));
    }

    /// <summary>
    /// Issues a one-time notice (一次性告知书) on <paramref name="step"/> for the step's issuer (the window or the department):
    /// the items that ask for a material left unchallenged at an earlier notice of the same issuer are recorded as repeated
    /// returns against it, with their reason (docs/supervision.md, Repeated returns). Call before the materials change.
    /// </summary>
    public OneTimeNotice IssueNotice(StepRecord step, IReadOnlyList<NoticeItem> items, string actor, Instant now)
    {
        foreach (var (item, unchallengedAt) in Returns.RepeatedReturns.Find(this, step, items))
            RepeatedReturns.Add(new RepeatedReturn(step.Id, step.Department, item.MaterialCode, actor, now, item.Reason, unchallengedAt));
        var notice = new OneTimeNotice(items, now, actor, step.Department, step.Id, PresentMaterials.Order(StringComparer.Ordinal).ToList());
        Notices.Add(notice);
        return notice;
    }

    /// <summary>Closes every open step of an activity as cancelled (their bookmarks go when the activity completes).</summary>
    public void CancelOpenSteps(string activityId, Instant now)
    {
        foreach (var step in Steps.Where(s => s.ActivityId == activityId && s.IsOpen))
        {
            Resume(step, now);
            step.State = StepState.Cancelled;
            step.Outcome = StepRecord.CancelledOutcome;
            step.CompletedAt = now;
            step.BookmarkId = null;
            step.Version++;
        }
    }

    /// <summary>Stops the step's clocks and the case's (补正): siblings in other departments keep running.</summary>
    public void Suspend(StepRecord step, string reason, Instant now)
    {
        step.Suspensions.Add(new ClockSuspension(now, null, reason, step.Id));
        Suspensions.Add(new ClockSuspension(now, null, reason, step.Id));
        step.State = StepState.WaitingForSupplement;
    }

    /// <summary>Runs the step's clocks and the case's again (the applicant resubmitted, or the step closed).</summary>
    public void Resume(StepRecord step, Instant now)
    {
        EndSuspensions(step.Suspensions, _ => true, now);
        EndSuspensions(Suspensions, s => s.StepId == step.Id, now);
        if (step.State == StepState.WaitingForSupplement) step.State = StepState.Open;
    }

    /// <summary>Runs the case's clocks again where a suspension caused by <paramref name="cause"/> (a step or activity id) holds them.</summary>
    public void EndSuspensionsOf(string cause, Instant now) => EndSuspensions(Suspensions, s => s.StepId == cause, now);

    /// <summary>
    /// The applicant handed in <paramref name="codes"/>: the materials are present from now, open commitments for them
    /// are fulfilled, and a case waiting at the window for its supplement is submitted again.
    /// </summary>
    public void Supply(IReadOnlyCollection<string> codes, Instant now)
    {
        var set = codes.ToHashSet();
        for (var i = 0; i < Materials.Count; i++)
            if (set.Contains(Materials[i].Code)) Materials[i] = Materials[i] with { Present = true, SubmittedAt = now };
        for (var i = 0; i < Commitments.Count; i++)
            if (Commitments[i].IsOpen && set.Contains(Commitments[i].MaterialCode)) Commitments[i] = Commitments[i] with { FulfilledAt = now };
        if (State == CaseState.WaitingForSupplement && Steps.Any(s => s.Kind == StepKind.Intake && s.IsOpen)) State = CaseState.Submitted;
    }

    private static void EndSuspensions(List<ClockSuspension> suspensions, Func<ClockSuspension, bool> which, Instant now)
    {
        for (var i = 0; i < suspensions.Count; i++)
            if (suspensions[i].End is null && which(suspensions[i]))
                suspensions[i] = suspensions[i] with { End = now < suspensions[i].Start ? suspensions[i].Start : now };
    }

    internal IReadOnlySet<string> PresentMaterials => Materials.Where(m => m.Present).Select(m => m.Code).ToHashSet();

    /// <summary>The step with this stable id, or null when the case has none.</summary>
    public StepRecord? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);

    internal bool HasOpenCommitments => Commitments.Any(c => c.IsOpen);

    /// <summary>
    /// What the applicant owes now, in this order: the materials not handed in, the items of the one-time notice the case
    /// waits on, the items of the latest request of each step waiting for a supplement, the open commitments. Projected
    /// into <c>permit_cases.owed</c> (and back-filled by step 4 of the permits module from stored case files, the same way).
    /// </summary>
    public IReadOnlyList<OwedMaterial> Owed()
    {
        var owed = Materials.Where(m => !m.Present)
            .Select(m => new OwedMaterial(OwedSource.Missing, m.MatterCode, m.Code, m.Name, SubmittedAt: m.SubmittedAt)).ToList();
        if (State == CaseState.WaitingForSupplement && Notices.Count > 0)
            owed.AddRange(Notices[^1].Items.Select(i => new OwedMaterial(OwedSource.Notice, i.MatterCode, i.MaterialCode, i.MaterialName, i.Reason)));
        foreach (var step in Steps.Where(s => s.State == StepState.WaitingForSupplement && s.SupplementRequests.Count > 0))
            owed.AddRange(step.SupplementRequests[^1].Items.Select(i =>
                new OwedMaterial(OwedSource.SupplementRequest, null, i.Code, Materials.FirstOrDefault(m => m.Code == i.Code)?.Name ?? i.Code, i.Reason, step.Id)));
        owed.AddRange(Commitments.Where(c => c.IsOpen).Select(c => new OwedMaterial(OwedSource.Commitment, c.MatterCode, c.MaterialCode, c.MaterialName, Due: c.Due)));
        return owed;
    }

    /// <summary>
    /// For a closed case, when its clocks stopped mattering: the result, else its last completed step (null while open,
    /// or closed without either). Pages and API read a closed case's clocks at this instant.
    /// </summary>
    public Instant? ClosedAt() => State.IsOpen() ? null : Result?.IssuedAt ?? Steps.Select(s => s.CompletedAt).Where(c => c is not null).Max();
}
