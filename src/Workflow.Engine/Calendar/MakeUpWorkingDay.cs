using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A weekly rest day that is worked to make up for a holiday (调休上班). It has Monday's office hours unless the
/// calendar declares make-up office hours.
/// </summary>
/// <param name="Date">The day worked.</param>
/// <param name="Name">The holiday it makes up for (e.g. 国庆节), or empty when unknown.</param>
public sealed record MakeUpWorkingDay(LocalDate Date, string Name);
