using System.Globalization;
using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.CaseNumbers;

/// <summary>
/// The number a case is known by (办件编号), <c>YYYY-S-NNNNNN</c>: the year it was filed in the jurisdiction's zone, the
/// stage (0 when it has none), and the sequence within that year and stage, e.g. <c>2026-3-000123</c>. It is drawn
/// in the filing's transaction (<see cref="CaseNumbering"/>), so numbers never collide and leave no gaps (docs/domain.md,
/// *Case numbers*). Ids in URLs stay opaque; this is what people read out on the phone and search for.
/// </summary>
public static class CaseNumber
{
    /// <summary>The number for <paramref name="sequence"/> in <paramref name="year"/> and <paramref name="stage"/>.</summary>
    public static string Format(int year, Stage? stage, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{StageDigit(stage)}-{sequence:D6}");

    /// <summary>The digit a stage has in the number (the stage's number, 0 for none).</summary>
    public static int StageDigit(Stage? stage) => stage is { } s ? (int)s : 0;
}
