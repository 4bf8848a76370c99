using System.Text.Json.Nodes;
using Workflow.Engine.Activities;

namespace CustomActivitySample;

/// <summary>
/// <c>Samples.NotifyApplicant</c>: tells the applicant something (here: writes one line to the run's output; a
/// real one would send a text message or an e-mail). The applicant is the case file's agent when the workflow
/// carries a permit case (variable <c>permitCase</c>), else the workflow input <c>applicant</c>, else "the applicant".
/// Completes through <c>Sent</c>, or <c>Skipped</c> when there is nothing to say.
/// </summary>
[Activity("Samples", "Notifications", "Notifies the applicant by text message or e-mail.", DisplayName = "Notify applicant")]
[FlowOutcomes("Sent", "Skipped")]
public sealed class NotifyApplicant : Activity
{
    /// <summary>What to say; an empty message skips the notification.</summary>
    [Input(Description = "What to tell the applicant.")]
    public Input<string> Message { get; set; } = new();

    /// <summary>How to say it: <c>Sms</c> or <c>Email</c> (a dropdown in the Studio).</summary>
    [Input(Description = "How to reach the applicant.", Options = ["Sms", "Email"], DefaultValue = "Sms")]
    public Input<string> Channel { get; set; } = new();

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var message = context.Get(Message);
        if (string.IsNullOrWhiteSpace(message))
        {
            context.Complete("Skipped");
            return ValueTask.CompletedTask;
        }
        var applicant = (context.GetVariable("permitCase") as JsonObject)?["agent"]?.GetValue<string>()
            ?? context.WorkflowInput["applicant"]?.GetValue<string>()
            ?? "the applicant";
        context.WriteLine($"[{context.Get(Channel) ?? "Sms"}] to {applicant}: {message}");
        context.Complete("Sent");
        return ValueTask.CompletedTask;
    }
}
