using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Activities;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Cases;

/// <summary>
/// What every permit activity shares: the case file it reads and writes (kept in the instance variable
/// <see cref="CaseFile.VariableName"/>), the catalogue and calendar, and human steps backed by bookmarks.
/// A step's bookmark payload names the step, the case and the department, so whoever lists bookmarks can route them.
/// </summary>
public abstract class PermitActivity : Activity
{
    /// <summary>Bookmark kind of a human step waiting for an action.</summary>
    public const string HumanTaskKind = "HumanTask";
    /// <summary>Bookmark kind of an activity waiting for the applicant's materials.</summary>
    public const string MaterialsKind = "Materials";
    /// <summary>Bookmark kind of a timer (joint deadline, commitment due, end of a special procedure).</summary>
    public const string TimerKind = "Timer";
    /// <summary>The department code of the intake window's queue.</summary>
    public const string FrontDesk = "frontdesk";

    internal static MatterCatalogue CatalogueOf(ActivityExecutionContext context) =>
        context.Services.GetService<MatterCatalogue>() ?? MatterCatalogue.Sample;

    internal static WorkingCalendar CalendarOf(ActivityExecutionContext context, CaseFile file) =>
        context.Services.GetRequiredService<CalendarRegistry>().Get(file.CalendarId);

    /// <summary>
    /// The case file of this instance (the service that files a case passes it as the workflow input
    /// <see cref="CaseFile.VariableName"/>; the first save moves it into the variable). An instance started without one (a designer's test run from the Studio, the
    /// CLI) gets a file built from the workflow input, with every material present.
    /// </summary>
    internal static CaseFile LoadCase(ActivityExecutionContext context)
    {
        var existing = CaseFileJson.FromNode(context.GetVariable(CaseFile.VariableName))
            ?? CaseFileJson.FromNode(context.WorkflowInput[CaseFile.VariableName]);
        if (existing is not null) return existing;
        var input = context.WorkflowInput;
        var catalogue = CatalogueOf(context);
        var matters = input["matters"] is JsonArray a ? a.Select(x => (string)x!).ToList() : [];
        return new CaseFile
        {
            CaseId = context.InstanceId,
            ProjectId = (string?)input["projectId"] ?? "",
            ProjectName = (string?)input["projectName"] ?? "",
            Matters = matters,
            CalendarId = catalogue.CalendarId,
            SubmittedAt = context.Now,
            Materials = matters.Select(catalogue.FindMatter).OfType<Matter>()
                .SelectMany(m => m.Materials.Select(x => new MaterialRecord(x.Code, x.Name, m.Code, true, context.Now))).ToList(),
        };
    }

    /// <summary>Stores the case file back into the instance, with the due instants recomputed.</summary>
    internal static void SaveCase(ActivityExecutionContext context, CaseFile file)
    {
        CaseClocks.Refresh(file, CalendarOf(context, file), context.Now);
        context.SetVariable(CaseFile.VariableName, CaseFileJson.ToNode(file));
    }

    /// <summary>Opens a human step in <paramref name="department"/>'s inbox and the bookmark an action on it resumes.</summary>
    internal static StepRecord OpenStep(ActivityExecutionContext context, CaseFile file, StepKind kind, string department, string title,
        string? matterCode = null, int statutoryLimit = 0, int promisedLimit = 0, string? post = null, string? assignee = null, bool waiverAllowed = false)
    {
        var step = new StepRecord
        {
            Id = $"{file.CaseId}-{file.Steps.Count + 1:D2}",
            ActivityId = context.ActivityId,
            Kind = kind,
            Department = department,
            MatterCode = matterCode,
            Title = title,
            Post = string.IsNullOrWhiteSpace(post) ? null : post,
            Assignee = string.IsNullOrWhiteSpace(assignee) ? null : assignee,
            CreatedAt = context.Now,
            StatutoryLimit = statutoryLimit,
            PromisedLimit = promisedLimit,
            WaiverAllowed = waiverAllowed,
        };
        file.Steps.Add(step);
        Bookmark(context, file, step);
        return step;
    }

    /// <summary>Creates a new bookmark for a step that keeps waiting after a resume (the resumed one is gone).</summary>
    internal static void Bookmark(ActivityExecutionContext context, CaseFile file, StepRecord step)
    {
        var payload = new JsonObject
        {
            ["stepId"] = step.Id,
            ["caseId"] = file.CaseId,
            ["kind"] = step.Kind.ToString(),
            ["department"] = step.Department,
            ["matter"] = step.MatterCode,
            ["title"] = step.Title,
        };
        step.BookmarkId = context.CreateBookmark(HumanTaskKind, payload).Id;
    }

    /// <summary>The step whose bookmark was resumed, or null when the resumed bookmark is not a step's.</summary>
    internal static StepRecord? ResumedStep(ActivityExecutionContext context, CaseFile file) =>
        (string?)context.ResumedBookmark?.Payload?["stepId"] is { } id ? file.FindStep(id) : null;

    /// <summary>Parses the resume input; a malformed one is treated as no input and recorded in the output.</summary>
    internal static StepAction ActionOf(ActivityExecutionContext context) => StepAction.From(context.ResumeInput);

    /// <summary>Reads a string-array input given as an Object expression with JSON text, or as a JSON array.</summary>
    internal static IReadOnlyList<string> Strings(ActivityExecutionContext context, Input<string[]>? input) =>
        (context.Get(input) ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
}
