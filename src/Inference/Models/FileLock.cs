namespace Insights.Inference.Models;

/// <summary>
/// An exclusive lock between processes: a lock file opened with FileShare.None (an advisory flock on
/// Linux), held until disposed. Test assemblies run in parallel and must not convert the same model twice.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (IOException e)
            {
                throw new ModelUnavailableException($"Timed out after {timeout} waiting for {path}, held by another process preparing the same model.", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
