using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Messages;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Supervision;

/// <summary>
/// The dashboard's period from <c>from</c> and <c>to</c> (dates, <c>yyyy-MM-dd</c>, both included, in the jurisdiction's
/// zone); by default the four weeks up to today. Bad input names the field, in the request's language (docs/api.md, Supervision).
/// </summary>
public sealed record SupervisionPeriod(LocalDate From, LocalDate To, Instant Start, Instant End)
{
    public static (SupervisionPeriod? Period, Dictionary<string, string[]> Errors) Read(string? from, string? to, DateTimeZone zone, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        var today = now.InZone(zone).Date;
        var last = Parse(to, "to", today, errors);
        var first = Parse(from, "from", last.PlusDays(-27), errors);
        if (errors.Count == 0 && first > last) errors["from"] = [RuleTexts.Text(RuleCodes.PeriodOrder)];
        if (errors.Count == 0 && Period.Between(first, last, PeriodUnits.Days).Days > 3660) errors["from"] = [RuleTexts.Text(RuleCodes.PeriodTooLong)];
        return errors.Count > 0
            ? (null, errors)
            : (new SupervisionPeriod(first, last, zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(last.PlusDays(1)).ToInstant()), errors);
    }

    public string Query => $"from={From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static LocalDate Parse(string? text, string field, LocalDate fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var result = LocalDatePattern.Iso.Parse(text.Trim());
        if (result.Success && result.Value.Year is >= 2000 and <= 2100) return result.Value;
        errors[field] = [RuleTexts.Text(RuleCodes.PeriodDateInvalid)];
        return fallback;
    }
}
