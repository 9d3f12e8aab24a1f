// Target (a): the raw Kestrel backend that (b) and (c) forward to.
// Usage: dotnet Hello.dll --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();

// Same tiny body on every path, so the gateway's path rewriting cannot change what the backend does.
app.MapGet("/hello", () => "hello");
app.MapGet("/{**any}", () => "hello");

app.Run();
