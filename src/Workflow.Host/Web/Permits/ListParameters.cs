using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Permits;

/// <summary>
/// The list parameters shared by the API and the pages (docs/api.md, *Lists*): <c>search</c>, <c>state</c>,
/// <c>stage</c>, <c>department</c>, <c>level</c>, <c>greenChannel</c>, <c>from</c>, <c>to</c> (dates <c>yyyy-MM-dd</c> in the
/// jurisdiction's zone, both included), <c>sort</c> (<c>due</c>, <c>newest</c>, <c>oldest</c>), <c>page</c>, <c>pageSize</c>.
/// A bad value is an error naming the parameter, in the request's language; never silently ignored.
/// </summary>
public sealed record ListParameters(StepListFilter Filter, int Page, int PageSize)
{
    /// <summary>The longest search text read; longer is an error naming <c>search</c>.</summary>
    public const int MaxSearchLength = 100;

    /// <summary>How many pages of <see cref="PageSize"/> rows <paramref name="totalCount"/> rows fill (at least 1: an empty list is one empty page).</summary>
    public int PagesFor(int totalCount) => Math.Max(1, (totalCount + PageSize - 1) / PageSize);

    /// <summary>
    /// Reads the parameters of <paramref name="query"/>; <c>state</c> is a step state, or with <paramref name="caseStates"/>
    /// a case state (case lists).
    /// </summary>
    public static (ListParameters Parameters, Dictionary<string, string[]> Errors) Read(IQueryCollection query, MatterCatalogue catalogue, DateTimeZone zone, bool caseStates = false) =>
        caseStates ? Read<CaseState>(query, catalogue, zone) : Read<StepState>(query, catalogue, zone);

    /// <summary>
    /// Reads the parameters of a list whose <c>state</c> is one of <typeparamref name="TState"/>'s names (complaints,
    /// urging notices); <paramref name="notRead"/> names parameters this list has no use for: given, each is an error
    /// naming it rather than silently ignored.
    /// </summary>
    public static (ListParameters Parameters, Dictionary<string, string[]> Errors) Read<TState>(IQueryCollection query, MatterCatalogue catalogue, DateTimeZone zone,
        params string[] notRead) where TState : struct, Enum
    {
        string? Get(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var (page, pageSize, pagingErrors) = Paging.Read(Get("page"), Get("pageSize"));
        var errors = pagingErrors ?? [];

        var search = Get("search");
        if (search?.Length > MaxSearchLength) errors["search"] = [RuleTexts.Render(new Definitions.Messages.RuleMessage(Definitions.Messages.RuleCodes.TextTooLong, MaxSearchLength), catalogue)];
        var state = Get("state");
        if (state is not null)
        {
            if (EnumNames.TryParse<TState>(state, out var s)) state = s.ToString();
            else errors["state"] = [OneOf("state", Enum.GetNames<TState>())];
        }
        foreach (var name in notRead.Where(n => Get(n) is not null))
            errors[name] = [Ui.T($"此列表不按 {name} 筛选", $"this list is not filtered by {name}")];
        Stage? stage = null;
        if (Get("stage") is { } stageText)
        {
            if (EnumNames.TryParse<Stage>(stageText, out var s)) stage = s;
            else errors["stage"] = [OneOf("stage", Enum.GetNames<Stage>())];
        }
        var department = Get("department");
        if (department is not null && department != PermitActivity.FrontDesk && catalogue.FindDepartment(department) is null)
            errors["department"] = [Ui.T($"「{department}」不是部门代码（GET /api/departments），也不是 frontdesk", $"'{department}' is not a department code (GET /api/departments) nor 'frontdesk'")];
        DeadlineLevel? level = null;
        if (Get("level") is { } levelText)
        {
            // Warning is read from an open step row's stored warning instant: step lists only (cases keep no such instant).
            string[] levels = typeof(TState) == typeof(StepState) ? [nameof(DeadlineLevel.Overdue), nameof(DeadlineLevel.Warning)] : [nameof(DeadlineLevel.Overdue)];
            if (levels.FirstOrDefault(l => string.Equals(levelText, l, StringComparison.OrdinalIgnoreCase)) is { } known) level = Enum.Parse<DeadlineLevel>(known);
            else errors["level"] = [OneOf("level", levels)];
        }
        bool? green = null;
        if (Get("greenChannel") is { } greenText)
        {
            if (bool.TryParse(greenText, out var g)) green = g;
            else errors["greenChannel"] = [OneOf("greenChannel", ["true", "false"])];
        }
        var from = Date("from", Get("from"), zone, errors, 0);
        var to = Date("to", Get("to"), zone, errors, 1);
        if (from is not null && to is not null && to <= from) errors["to"] = [Ui.T("to 不能早于 from", "to may not be before from")];
        var sort = ListSort.Due;
        if (Get("sort") is { } sortText && !EnumNames.TryParse(sortText, out sort))
            errors["sort"] = [OneOf("sort", ["due", "newest", "oldest"])];

        return (new ListParameters(new StepListFilter(search, state, stage, department, level, green, from, to, sort), page, pageSize), errors);
    }

    /// <summary>
    /// The error of <c>level=Warning</c> on a handled list (已办): a decided step is no longer in warning, so the filter
    /// would silently answer nothing; null when the level is not Warning.
    /// </summary>
    public static Dictionary<string, string[]>? WarningOnHandled(ListParameters parameters) =>
        parameters.Filter.Level == DeadlineLevel.Warning
            ? new() { ["level"] = [Ui.T("已办列表只能按超期筛选（level=Overdue）", "a handled list is filtered by level=Overdue only")] }
            : null;

    /// <summary>
    /// These parameters ordered by <paramref name="order"/> when <paramref name="query"/> names no <c>sort</c>: for a list
    /// whose default order is not <c>due</c> (the project list: newest registered first).
    /// </summary>
    public ListParameters SortedByDefault(IQueryCollection query, ListSort order) =>
        query.TryGetValue("sort", out var sort) && !string.IsNullOrWhiteSpace(sort.ToString()) ? this : this with { Filter = Filter with { Sort = order } };

    /// <summary>
    /// Reads the parameters of a list that has no states (a case's audit trail): <c>state</c> is among the parameters
    /// it does not read, with <paramref name="notRead"/>.
    /// </summary>
    public static (ListParameters Parameters, Dictionary<string, string[]> Errors) ReadWithoutState(IQueryCollection query, MatterCatalogue catalogue, DateTimeZone zone,
        params string[] notRead) => Read<NoState>(query, catalogue, zone, ["state", .. notRead]);

    private enum NoState { }

    /// <summary>The query string of these parameters for another page (the pages' pager links), without <c>page</c>.</summary>
    public static string QueryWithout(IQueryCollection query, params string[] names) =>
        string.Join("&", query.Where(q => !names.Contains(q.Key)).Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));

    private static string OneOf(string parameter, IEnumerable<string> values) =>
        Ui.T($"{parameter} 须为以下之一：{string.Join("、", values)}", $"{parameter} is one of {string.Join(", ", values)}");

    /// <summary>The start of the day (<paramref name="daysAfter"/> 0) or of the next day (1, so that <c>to</c> includes its day).</summary>
    private static Instant? Date(string parameter, string? text, DateTimeZone zone, Dictionary<string, string[]> errors, int daysAfter)
    {
        if (text is null) return null;
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (parsed.Success) return parsed.Value.PlusDays(daysAfter).AtStartOfDayInZone(zone).ToInstant();
        errors[parameter] = [Ui.T($"{parameter} 须为日期（yyyy-MM-dd）", $"{parameter} is a date (yyyy-MM-dd)")];
        return null;
    }
}
