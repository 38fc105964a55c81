package com.example.quickstart;

import dev.twine.internet.Protocol;

/** The server's protocol: everything it receives, it sends back. One instance per connection. */
public class Echo extends Protocol {
    @Override
    public void dataReceived(byte[] data) {
        transport.write(data);
    }
}
