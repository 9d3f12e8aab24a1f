namespace Lakegate.Cli.Tests;

/// <summary>Runs the lakegate command in-process and captures what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var oldOut = Console.Out;
        var oldError = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await Program.Main(args).WaitAsync(TimeSpan.FromSeconds(60));
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
