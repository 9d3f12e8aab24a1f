using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Lakegate.Gateway.Integrations.Dataset;

/// <summary>
/// Where a page is written. Headers (Link, Content-Range) depend on how the page ends, so the first
/// bytes are held back, up to <see cref="HoldBackBytes"/>: a page that ends within that is sent with
/// exact headers and a Content-Length; a longer one asks for its headers once (the caller computes
/// them with a cheap key-only query) and then streams with bounded memory.
/// </summary>
internal sealed class ResponseSink(HttpResponse response, Func<ValueTask> commitLongPage)
{
    public const int HoldBackBytes = 256 * 1024;
    private const int ChunkBytes = 32 * 1024;

    public ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    public bool Committed { get; private set; }

    /// <summary>After a row: sends what is buffered when there is enough of it.</summary>
    public async ValueTask RowWrittenAsync(CancellationToken cancellationToken)
    {
        if (!Committed)
        {
            if (Buffer.WrittenCount < HoldBackBytes)
            {
                return;
            }

            await commitLongPage();
            Committed = true;
            await SendAsync(cancellationToken);
            return;
        }

        if (Buffer.WrittenCount >= ChunkBytes)
        {
            await SendAsync(cancellationToken);
        }
    }

    /// <summary>The page is complete. <paramref name="commitShortPage"/> sets the headers when nothing was sent yet.</summary>
    public async ValueTask CompleteAsync(Action commitShortPage, CancellationToken cancellationToken)
    {
        if (!Committed)
        {
            commitShortPage();
            response.ContentLength = Buffer.WrittenCount;
            Committed = true;
        }

        await SendAsync(cancellationToken);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        if (Buffer.WrittenCount > 0)
        {
            await response.Body.WriteAsync(Buffer.WrittenMemory, cancellationToken);
            Buffer.ResetWrittenCount();
        }
    }
}
