"""A class on one JupyterHub, measured: the load test behind the hub guide's sizing table.

``make loadtest`` (``python -m benchmarks.loadtest``) starts a throw-away JupyterHub on 127.0.0.1
and lets simulated participants do, all at once, what a class does in its first minutes: log in,
start their server, pull the course with the instructor's nbgitpuller link, open a workbook as an
app (Voilà, which runs its kernel), answer its exercises through the kernel with the course's own
widgets, and hand in. It measures memory per participant (the participant's server and its
kernels: PSS and USS, idle and active), the time from login to the first exercise on the page,
and every failure, then lets the kernels and servers be culled as the guide configures it.

Why its own hub rather than a model: the guide's earlier figure (the largest kernel) missed the
server and the extra kernels, by three to four times. Only the real processes, counted the way
the Linux kernel shares their pages, say what a class needs.

The modules: ``hub`` (start and stop the hub), ``participant`` (one participant's journey),
``memory`` (what each participant's processes hold), ``report`` (figures and Norwegian tables),
``run`` (the whole test, bounded in participants and time).
"""
