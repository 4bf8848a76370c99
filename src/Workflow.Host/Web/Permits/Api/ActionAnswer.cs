using Workflow.Definitions.Cases;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>The answer to a step action: the step as it is now, and where its case stands.</summary>
public sealed record ActionAnswer(StepView Step, string CaseId, CaseState CaseState, CaseResult? Result);
