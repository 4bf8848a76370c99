using System.Runtime.CompilerServices;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Tests;

/// <summary>
/// Every save the Host's tests make through the EF store checks the parts it found from what the run touched against a
/// split of the whole state (<see cref="StateChanges.VerifyAgainstAllParts"/>): the permit process, the samples and the
/// Studio's workflows are thereby the touched-parts write's tests too.
/// </summary>
internal static class StateChangesVerification
{
    [ModuleInitializer]
    internal static void TurnOn() => StateChanges.VerifyAgainstAllParts = true;
}
