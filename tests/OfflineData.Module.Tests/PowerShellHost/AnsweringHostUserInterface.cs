using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>The user interface of <see cref="AnsweringHost"/>: answers choice prompts, records prompts and output.</summary>
    public sealed class AnsweringHostUserInterface : PSHostUserInterface
    {
        private readonly string answer;
        private readonly StringBuilder written = new StringBuilder();

        /// <summary>Answers every choice prompt with the choice whose label, without its '&amp;', is <paramref name="answer"/>.</summary>
        public AnsweringHostUserInterface(string answer) => this.answer = answer;

        /// <summary>Each choice prompt asked, as "caption: message".</summary>
        public List<string> Prompts { get; } = new List<string>();

        /// <summary>Everything written to the host (Write, WriteLine, warnings, verbose ...), e.g. the "What if:" lines.</summary>
        public string Written => written.ToString();

        /// <inheritdoc />
        public override PSHostRawUserInterface? RawUI => null;

        /// <inheritdoc />
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + ": " + message);
            for (int i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", string.Empty), answer, StringComparison.OrdinalIgnoreCase)) return i;
            }

            throw new InvalidOperationException($"The prompt '{caption}' offers no choice '{answer}'.");
        }

        /// <inheritdoc />
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("The test host answers choice prompts only.");

        /// <summary>The password a credential prompt is answered with (the user name is the one asked for); null: such a prompt fails.</summary>
        public string? CredentialPassword { get; set; }

        /// <summary>The user names credential prompts asked for.</summary>
        public List<string> CredentialPrompts { get; } = new List<string>();

        /// <inheritdoc />
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        /// <inheritdoc />
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            if (CredentialPassword == null) throw new NotSupportedException("The test host answers choice prompts only.");
            CredentialPrompts.Add(userName);
            var password = new SecureString();
            foreach (var c in CredentialPassword) password.AppendChar(c);
            return new PSCredential(userName, password);
        }

        /// <inheritdoc />
        public override string ReadLine() => throw new NotSupportedException("The test host answers choice prompts only.");

        /// <inheritdoc />
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host answers choice prompts only.");

        /// <inheritdoc />
        public override void Write(string value) => written.Append(value);

        /// <inheritdoc />
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => written.Append(value);

        /// <inheritdoc />
        public override void WriteLine(string value) => written.AppendLine(value);

        /// <inheritdoc />
        public override void WriteErrorLine(string value) => written.AppendLine(value);

        /// <inheritdoc />
        public override void WriteDebugLine(string message) => written.AppendLine(message);

        /// <inheritdoc />
        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        /// <inheritdoc />
        public override void WriteVerboseLine(string message) => written.AppendLine(message);

        /// <inheritdoc />
        public override void WriteWarningLine(string message) => written.AppendLine(message);
    }
}
