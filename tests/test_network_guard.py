import socket

import pytest


def test_connection_to_a_public_address_fails_the_test():
    with pytest.raises(AssertionError, match="network"), socket.socket() as s:
        s.connect(("192.0.2.1", 80))


def test_connection_to_loopback_is_allowed():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.socket() as client:
            client.connect(server.getsockname())
