"""A read-only OParl 1.1 endpoint (https://oparl.org) for the released council reports.

The city's council information system and open-data portals read from here: one
``System``, one ``Body`` (the city of Peine), and every frozen report edition and every
released round summary as a ``Paper`` whose PDF is its ``mainFile``. Nothing else: no
draft, no internal figure, no person. Anonymous, GET only, ``Access-Control-Allow-Origin: *``.

Module map: ``sources`` (the only place that reads the other apps), ``files`` (the PDFs,
rendered deterministically and cached), ``serialize`` (OParl objects), ``views``.
"""
