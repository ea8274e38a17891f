namespace Insights.Dashboard.Accounts;

/// <summary>The first administrator, created at the first start when there is no user. Section "Insights:Admin".</summary>
public sealed class AdminOptions
{
    public const string Section = "Insights:Admin";

    /// <summary>E-mail (and user name) of the first admin. Default: "admin@localhost".</summary>
    public string? Email { get; set; }

    /// <summary>Password of the first admin. Without it a random one is generated and printed once to the console. No default.</summary>
    public string? Password { get; set; }
}

/// <summary>Where one-off messages for the person who started the server go (the console); tests read them.</summary>
public class OperatorConsole
{
    public virtual void WriteLine(string line) => Console.Out.WriteLine(line);
}
