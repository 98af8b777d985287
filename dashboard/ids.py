"""Component ids and URL parameter names: the one place they are spelled."""

MAP = "map"
URL = "url"
YEAR = "year"
PLAY = "play"
SPEED = "speed"
TICK = "play-tick"
WINDOW = "event-window"
LAYERS = "layers"
LANG = "lang"
SEARCH = "search"
FEATURE = "feature-store"
VIEW = "view-store"
DETAILS = "details"
TIMELINE = "timeline"
LEGEND = "legend"
DETAILS_YEAR = "details-year"     # a count: the details panel follows the slider's year again
ROOT = "app-root"
TITLE = "app-title"
MESSAGE = "message"
YEAR_LABEL = "year-label"
EVENT_ITEM = "event-item"          # pattern-matching id type for timeline entries
RELATED_ITEM = "related-item"      # records named in a place's details
SEGMENT_SOURCE = "segment-source"  # a route segment's source button (also keyed by year and position)
CLOSE_DETAILS = "close-details"

# Route explorer
ROUTE_FROM = "route-from"
ROUTE_TO = "route-to"
ROUTE_YEAR = "route-year"
ROUTE_COMPARE = "route-compare-year"
ROUTE_MODES = "route-modes"
ROUTE_PLANNED = "route-planned"
ROUTE_RESULT = "route-result"
ROUTE_STORE = "route-store"
ROUTE_QUESTION = "route-question"
ROUTE_BY = "route-by"                   # priority: fastest, shortest, fewest borders (issue 18)
ROUTE_SERVICE = "route-service"         # rail freight or passenger speed
ROUTE_ASSUME = "route-assume"           # prefix of a speed or delay box's id: route-assume-border-h
ROUTE_ASSUME_LABEL = "route-assume-label"
ROUTE_REACH = "route-reach-hours"       # reach from the origin within N hours
ROUTE_NETWORK = "route-network"         # the network of the year as an overlay

# URL query parameters
P_YEAR = "year"
P_LAYERS = "layers"
P_LANG = "lang"
P_FEATURE = "feature"
P_VIEW = "view"
P_WINDOW = "window"
P_FROM = "from"
P_TO = "to"
P_RYEAR = "ryear"
P_COMPARE = "compare"
P_MODES = "modes"
P_PLANNED = "planned"
P_SCENE = "scene"

# Seminar mode and exports
STAGE = "stage"
PRESENT = "present"
TOUR_PANEL = "tour-panel"
TOUR_NEXT = "tour-next"
TOUR_PREV = "tour-prev"
TOUR_EXIT = "tour-exit"
TOUR_RESUME = "tour-resume"
LAST_SCENE = "last-scene"
CAPTION = "caption-store"
EXPORT_PNG = "export-png"
EXPORT_SVG = "export-svg"
EXPORT_GEOJSON = "export-geojson"
EXPORT_CSV = "export-csv"
EXPORT_LPF = "export-lpf"
EXPORT_DONE = "export-done"
EXPORT_VIDEO = "export-video"      # the animation export (assets/exports.js): its button, years, caption, status
VIDEO_FROM = "video-from"
VIDEO_TO = "video-to"
VIDEO_CAPTION = "video-caption-store"
VIDEO_STATUS = "video-status"

# The reader's own layers (dashboard/userlayers.py)
USER_LAYERS = "user-layers"        # dcc.Store in the browser's local storage: the checked layers
USER_RESULT = "user-result"        # the check endpoint's answer for the last file
USER_STATUS = "user-status"        # the message for it
USER_INDEX = "user-index"          # a summary of each layer, for the legend
USER_PICK = "user-pick"            # the reader's feature clicked on the map
USER_DRAWN = "user-drawn"
USER_FILE = "user-file"
USER_PANEL = "user-panel"
USER_CITATION = "user-citation"
USER_MESSAGE = "user-message"
USER_LEGEND = "user-legend"
USER_DETAILS = "user-details"
USER_REMOVE = "user-remove"        # pattern id, keyed by layer id
USER_EXPORT = "user-export"        # + "-geojson", "-csv", "-lpf": the download buttons
