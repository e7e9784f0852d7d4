"""The nbval stage's kernel start, retried (used by the root conftest.py).

nbval starts one kernel per notebook. On a loaded machine with several workers, a kernel start can fail
(« Kernel died before replying to kernel_info »: seen once on CI, 26 cells of one notebook lost; the known cause
is a race on the TCP ports jupyter_client picks, ``zmq.error.ZMQError: Address already in use``). The start is
retried with new ports, at most ``KERNEL_START_ATTEMPTS`` times, and the kernel's own error output is kept so
that a real failure (an import error in the kernel, say) is reported with its cause instead of retried silently.
"""

from __future__ import annotations

import sys
import tempfile

KERNEL_START_ATTEMPTS = 3


def start_kernel_with_retry(start, attempts: int = KERNEL_START_ATTEMPTS):
    """Wrap ``start`` (jupyter_client's ``start_new_kernel``) so that a kernel that dies at start is restarted."""

    def start_new_kernel(*args, **kwargs):
        for attempt in range(1, attempts + 1):
            with tempfile.TemporaryFile(mode="w+") as err:
                kwargs["stderr"] = err
                try:
                    return start(*args, **kwargs)
                except RuntimeError as exc:
                    err.seek(0)
                    cause = err.read().strip()[-2000:]
                    if attempt == attempts:
                        raise RuntimeError(f"{exc} ({attempts} essais) ; sortie du noyau :\n{cause}") from exc
                    print(f"\nnbval : le noyau n’a pas démarré (essai {attempt}/{attempts}) : {exc}\n{cause}",
                          file=sys.stderr)
        raise AssertionError("unreachable")

    return start_new_kernel
