using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>
    /// A host whose user interface answers every choice prompt (-Confirm, ShouldContinue) with a fixed answer, as a
    /// user at the console would, and keeps what was written to it (the "What if:" lines, the prompts). The engine
    /// without a host cannot prompt, so declining -Confirm can only be tested through a host like this one.
    /// </summary>
    public sealed class AnsweringHost : PSHost
    {
        /// <summary>A host that answers every choice prompt with the choice labelled <paramref name="answer"/> (e.g. "No", "Yes").</summary>
        public AnsweringHost(string answer) => Answers = new AnsweringHostUserInterface(answer);

        /// <summary>The user interface, with the prompts asked and the text written.</summary>
        public AnsweringHostUserInterface Answers { get; }

        /// <inheritdoc />
        public override string Name => "OfflineData test host";

        /// <inheritdoc />
        public override Version Version { get; } = new Version(1, 0);

        /// <inheritdoc />
        public override Guid InstanceId { get; } = Guid.NewGuid();

        /// <inheritdoc />
        public override PSHostUserInterface UI => Answers;

        /// <inheritdoc />
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

        /// <inheritdoc />
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        /// <inheritdoc />
        public override void SetShouldExit(int exitCode)
        {
        }

        /// <inheritdoc />
        public override void EnterNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

        /// <inheritdoc />
        public override void ExitNestedPrompt() => throw new NotSupportedException("The test host has no nested prompt.");

        /// <inheritdoc />
        public override void NotifyBeginApplication()
        {
        }

        /// <inheritdoc />
        public override void NotifyEndApplication()
        {
        }
    }
}
