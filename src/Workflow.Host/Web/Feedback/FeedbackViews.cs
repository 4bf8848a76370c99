using NodaTime;
using Workflow.Definitions.Feedback;

namespace Workflow.Host.Web.Feedback;

/// <summary>A rating (好差评) in the API.</summary>
public sealed record RatingView(string CaseId, string Matter, string Department, string Agent, int Stars, string? Comment, Instant RatedAt)
{
    public static RatingView Of(RatingRow r) => new(r.CaseId, r.Matter, r.Department, r.Agent, r.Stars, r.Comment, r.RatedAt);
}

/// <summary>A complaint (投诉) in the API: what it is about, its state, handler and reply.</summary>
public sealed record ComplaintView(long Id, string CaseId, string? StepId, string Department, string Agent, string Text, Instant FiledAt, ComplaintState State,
    string? Handler, Instant? TakenAt, string? Reply, Instant? AnsweredAt, string? ClosedBy, Instant? ClosedAt)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*); set in lists.</summary>
    public string? CaseNumber { get; init; }

    public static ComplaintView Of(ComplaintRow c) =>
        new(c.Id, c.CaseId, c.StepId, c.Department, c.Agent, c.Text, c.FiledAt, c.State, c.Handler, c.TakenAt, c.Reply, c.AnsweredAt, c.ClosedBy, c.ClosedAt);
}

/// <summary>Rating a finished matter: 1–5 stars and an optional comment.</summary>
public sealed record NewRating(string? Matter, int? Stars, string? Comment);

/// <summary>Filing a complaint about a step of the case or a department.</summary>
public sealed record NewComplaint(string? CaseId, string? StepId, string? Department, string? Text);

/// <summary>A supervisor's reply to a complaint.</summary>
public sealed record ComplaintAnswer(string? Reply);
