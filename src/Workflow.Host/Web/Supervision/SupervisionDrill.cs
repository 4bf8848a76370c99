using Microsoft.Extensions.Primitives;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Web.Supervision;

/// <summary>
/// A drill-down as the API (<c>GET /api/supervision/departments/{code}/{figure}</c>) and the page (<c>/supervision/drill</c>)
/// read it: the department code (<c>all</c>, <c>frontdesk</c> or a department), the figure, the period
/// (<see cref="SupervisionPeriod"/>: <c>from</c>, <c>to</c>) and the lists' parameters (<see cref="ListParameters"/>, with
/// <c>state</c> a case state: every item has a case). Every bad value is an error naming its parameter, in the request's
/// language (docs/api.md, *Lists*; docs/supervision.md, Dashboard).
/// </summary>
public sealed class SupervisionDrill
{
    public required string Department { get; init; }
    public required string Figure { get; init; }
    public required SupervisionPeriod Period { get; init; }
    public required ListParameters Parameters { get; init; }
    public required Dictionary<string, string[]> Errors { get; init; }

    /// <summary>Reads the drill-down; when the period is bad, <see cref="Period"/> is the default one (the page still shows its form).</summary>
    public static SupervisionDrill Read(string? code, string? figure, IQueryCollection query, MatterCatalogue catalogue, DateTimeZone zone, Instant now)
    {
        // from/to are the period here, read by SupervisionPeriod; the lists' date filter would say the same twice.
        var listQuery = new QueryCollection(query.Where(q => q.Key is not ("from" or "to")).ToDictionary(q => q.Key, q => q.Value));
        var (parameters, errors) = ListParameters.Read(listQuery, catalogue, zone, caseStates: true);
        var (period, periodErrors) = SupervisionPeriod.Read(query["from"], query["to"], zone, now);
        foreach (var (field, messages) in periodErrors) errors[field] = messages;
        if (figure is null || !SupervisionFigure.All.Contains(figure))
            errors["figure"] = [RuleTexts.Render(new RuleMessage(RuleCodes.SupervisionFigureUnknown, figure ?? "", string.Join(", ", SupervisionFigure.All)), catalogue)];
        if (code is null || (code != "all" && code != PermitActivity.FrontDesk && catalogue.FindDepartment(code) is null))
            errors["code"] = [RuleTexts.Render(new RuleMessage(RuleCodes.SupervisionDepartmentUnknown, code ?? "", "frontdesk / all"), catalogue)];
        return new SupervisionDrill
        {
            Department = code ?? "all", Figure = figure ?? "", Parameters = parameters, Errors = errors,
            Period = period ?? SupervisionPeriod.Read(null, null, zone, now).Period!,
        };
    }

    /// <summary>The same drill-down with <paramref name="pageSize"/> items a page (the pages' default).</summary>
    public SupervisionDrill WithPageSize(int pageSize) => new()
    {
        Department = Department, Figure = Figure, Period = Period, Errors = Errors, Parameters = Parameters with { PageSize = pageSize },
    };

    /// <summary>The page of items these parameters ask for.</summary>
    public Task<SupervisionDrillPage> LoadAsync(SupervisionQueries queries, CancellationToken ct) =>
        queries.DrillDownAsync(Department == "all" ? SupervisionQueries.Overall : Department, Figure, Period.Start, Period.End,
            Parameters.Filter with { From = null, To = null }, Parameters.Page, Parameters.PageSize, ct);
}
