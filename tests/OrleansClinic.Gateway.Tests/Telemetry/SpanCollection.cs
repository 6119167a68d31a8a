using System.Collections;
using System.Diagnostics;

namespace OrleansClinic.Gateway.Tests.Telemetry;

/// <summary>The in-memory exporter's collection, safe to read while spans are still being exported.</summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly Lock gate = new();
    private readonly List<Activity> spans = [];

    public int Count
    {
        get
        {
            lock (gate)
            {
                return spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The spans of one trace exported so far.</summary>
    public List<Activity> Trace(ActivityTraceId traceId)
    {
        lock (gate)
        {
            return spans.Where(s => s.TraceId == traceId).ToList();
        }
    }

    /// <summary>Every span exported so far.</summary>
    public List<Activity> All()
    {
        lock (gate)
        {
            return [.. spans];
        }
    }

    public void Add(Activity item)
    {
        lock (gate)
        {
            spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (gate)
        {
            return spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (gate)
        {
            spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (gate)
        {
            return spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => All().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
