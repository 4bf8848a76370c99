using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// One day off by law or by the yearly schedule (including the weekend days inside a holiday block), with the
/// holiday's name (e.g. 春节).
/// </summary>
/// <param name="Date">The day off.</param>
/// <param name="Name">The holiday it belongs to.</param>
public sealed record Holiday(LocalDate Date, string Name);
