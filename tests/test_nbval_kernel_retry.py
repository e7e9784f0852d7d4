"""The nbval kernel start is retried when a kernel dies at start (root conftest.py)."""

import pytest

from build_tools.nbval_kernel import start_kernel_with_retry


def test_a_kernel_that_dies_once_is_restarted(capsys):
    calls = []

    def start(*args, stderr=None, **kwargs):
        calls.append(stderr)
        if len(calls) == 1:
            stderr.write("zmq.error.ZMQError: Address already in use\n")
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "km", "kc"

    assert start_kernel_with_retry(start)(kernel_name="python3") == ("km", "kc")
    assert len(calls) == 2
    assert "Address already in use" in capsys.readouterr().err


def test_a_kernel_that_always_dies_reports_its_output():
    def start(*args, stderr=None, **kwargs):
        stderr.write("ModuleNotFoundError: No module named 'mesocours'\n")
        raise RuntimeError("Kernel died before replying to kernel_info")

    with pytest.raises(RuntimeError, match="No module named 'mesocours'"):
        start_kernel_with_retry(start, attempts=2)()


def test_other_errors_are_not_retried():
    calls = []

    def start(*args, **kwargs):
        calls.append(1)
        raise ValueError("pas un démarrage")

    with pytest.raises(ValueError):
        start_kernel_with_retry(start)()
    assert len(calls) == 1
