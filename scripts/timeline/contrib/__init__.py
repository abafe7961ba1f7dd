"""What a contributor runs beside the build: stubs, new sources, and checks of the web.

None of it runs when the site is built. add_source, capture and extract need the
`sources` extra (./dev.sh add-source installs it); links, confirm, web and wayback ask
the network. Imports timeline.data and timeline.rules.
"""
