using System.Runtime.CompilerServices;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests;

/// <summary>
/// Every save any engine test makes through the EF store checks the parts it found from what the run touched against a
/// split of the whole state (<see cref="StateChanges.VerifyAgainstAllParts"/>): the conformance workflows, the samples
/// and the runtime's own tests are thereby the touched-parts write's tests too.
/// </summary>
internal static class StateChangesVerification
{
    [ModuleInitializer]
    internal static void TurnOn() => StateChanges.VerifyAgainstAllParts = true;
}
